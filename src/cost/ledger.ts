/**
 * The spend ledger: append-only JSON lines under VIDEOGEN_DATA_DIR. A submission is claimed before
 * anything is sent (an exclusive claim file per confirmation, so two calls or two processes can never
 * both send it), recorded as pending, then recorded again with its outcome. Read back at start and
 * before each decision, so replays and budgets survive restarts and see other processes' lines.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { BillingClass } from '../catalogue/define.js';
import type { Provider } from '../errors.js';

export type ConfirmedBy = 'token' | 'elicitation' | 'auto_approve';

/**
 * pending: claimed, request under way (or the process died: outcome unknown);
 * sent: the provider accepted it; unknown: it may have been accepted and charged (see cost/outcome.ts:
 * a time-out, a reset, a 5xx, an answer that cannot be read or lacks the job id);
 * rejected / not_sent: provably not accepted, the confirmation can be used again.
 */
export type Outcome = 'pending' | 'sent' | 'unknown' | 'rejected' | 'not_sent';

export interface LedgerRecord {
  id: string;
  /** ISO time of the claim. */
  time: string;
  tool: string;
  provider: Provider;
  args_hash: string;
  billing: BillingClass;
  quoted: number;
  confirmed_by: ConfirmedBy;
  outcome: Outcome;
  charged?: number;
  remaining?: number;
  request_id?: string;
  error?: string;
  /** The tool result, returned again on a replay. */
  result?: CallToolResult;
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
      const text = this.partial + buf.toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          const r = JSON.parse(line) as LedgerRecord;
          if (r && typeof r.id === 'string') this.records.set(r.id, { ...this.records.get(r.id), ...r });
        } catch {
          // a torn or foreign line must not stop the server from reading the rest
        }
      }
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
    if (prior && prior.outcome !== 'rejected' && prior.outcome !== 'not_sent') return false;
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
    if (record.outcome === 'rejected' || record.outcome === 'not_sent') {
      try {
        unlinkSync(path.join(this.claimsDir, encodeURIComponent(record.id)));
      } catch {
        // already gone
      }
    }
  }
}

/** Credits counted against budgets: what was charged, else what was confirmed, for anything not refused. */
export function countedCredits(r: LedgerRecord): number {
  if (r.billing !== 'credits') return 0;
  if (r.outcome === 'rejected' || r.outcome === 'not_sent') return 0;
  return r.charged ?? r.quoted;
}

export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}
