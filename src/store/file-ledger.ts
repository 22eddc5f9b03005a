/**
 * The file store's ledger: append-only JSON lines in VIDEOGEN_DATA_DIR/ledger.jsonl. A submission is
 * claimed before anything is sent (an exclusive claim file per confirmation, so two calls or two
 * processes can never both send it), recorded as pending, then recorded again with its outcome. Read
 * back at start and before each decision, so replays and budgets survive restarts and see other
 * processes' lines. The newest line of an id wins, field by field.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { isReleased, type LedgerRecord, LOCAL_PRINCIPAL } from './ledger-record.js';

/** Merges complete JSON lines into `records` (newest line per id wins, field by field). */
function mergeLines(lines: readonly string[], records: Map<string, LedgerRecord>): void {
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as LedgerRecord;
      if (r && typeof r.id === 'string') {
        const merged = { ...records.get(r.id), ...r };
        merged.principal ??= LOCAL_PRINCIPAL;
        records.set(r.id, merged);
      }
    } catch {
      // a torn or foreign line must not stop the server from reading the rest
    }
  }
}

/** Every record of a ledger file, read as the file store reads it (for `ledger import`). */
export function readLedgerFile(file: string): LedgerRecord[] {
  const records = new Map<string, LedgerRecord>();
  const lines = readFileSync(file, 'utf8').split('\n');
  // The last piece has no newline yet: a line being written, or torn by a crash.
  lines.pop();
  mergeLines(lines, records);
  return [...records.values()];
}

export class Ledger {
  readonly file: string;
  private readonly claimsDir: string;
  private readonly records = new Map<string, LedgerRecord>();
  private readOffset = 0;
  private partial = '';

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'ledger.jsonl');
    this.claimsDir = path.join(dataDir, 'claims');
    mkdirSync(this.claimsDir, { recursive: true, mode: 0o700 });
    this.refresh();
  }

  /** Reads lines appended since the last read (by this or another process). */
  refresh(): void {
    let size: number;
    try {
      size = statSync(this.file).size;
    } catch {
      return;
    }
    if (size <= this.readOffset) return;
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(size - this.readOffset);
      readSync(fd, buf, 0, buf.length, this.readOffset);
      this.readOffset = size;
      const lines = (this.partial + buf.toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      mergeLines(lines, this.records);
    } finally {
      closeSync(fd);
    }
  }

  get(id: string): LedgerRecord | undefined {
    this.refresh();
    return this.records.get(id);
  }

  all(): LedgerRecord[] {
    this.refresh();
    return [...this.records.values()];
  }

  private append(record: LedgerRecord): void {
    // One write per line with O_APPEND, so lines of concurrent processes never interleave; fsync so a
    // claim survives a power loss, not only a crash (a paid call is worth a millisecond).
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.records.set(record.id, { ...this.records.get(record.id), ...record });
  }

  /** Claims `record.id` for one submission; false when it is already claimed. */
  claim(record: LedgerRecord): boolean {
    // The ledger line is the durable record; the claim file is the cross-process lock.
    const prior = this.get(record.id);
    if (prior && !isReleased(prior.outcome)) return false;
    const claimFile = path.join(this.claimsDir, encodeURIComponent(record.id));
    try {
      writeFileSync(claimFile, record.time, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
    this.append(record);
    return true;
  }

  /** Records the outcome; a submission that provably did not happen releases its claim. */
  finish(record: LedgerRecord): void {
    this.append(record);
    if (isReleased(record.outcome)) {
      try {
        unlinkSync(path.join(this.claimsDir, encodeURIComponent(record.id)));
      } catch {
        // already gone
      }
    }
  }

  /** Appends a record under an id this ledger does not hold (an import); false when it holds it. */
  adopt(record: LedgerRecord): boolean {
    if (this.get(record.id)) return false;
    this.append(record);
    return true;
  }
}
