/**
 * The MoneyStore in files under VIDEOGEN_DATA_DIR: the embedded default for one user on one machine.
 *
 * - Claims: the JSONL ledger with an exclusive claim file per id (file-ledger.ts): exactly once
 *   across processes.
 * - Budgets: checked and reserved with the claim inside one lock section (file-lock.ts): atomic within
 *   a process and across processes on this machine (best effort only when two processes take over a
 *   lock abandoned by a crashed one at the same instant).
 * - Idempotency keys: one file per key, published with link(2), which fails when the key exists, so
 *   the first use wins atomically and its content is complete when visible.
 * - Expiring values: one file per key, replaced with rename(2), read-check-write under the lock.
 */
import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Ledger } from './file-ledger.js';
import { withFileLock } from './file-lock.js';
import { countedCredits, isReleased, type LedgerRecord, LOCAL_PRINCIPAL, utcDay } from './ledger-record.js';
import type {
  BudgetLimits,
  ClaimResult,
  DailySpend,
  IdempotencyBinding,
  IdempotencyRequest,
  IdempotencyResult,
  ImportSummary,
  ListQuery,
  MoneyStore,
  NewLedgerRecord,
  OutcomeUpdate,
  TwinQuery,
} from './money-store.js';
import { definedFields, overBudget, sameOrConflict, UNSETTLED } from './store-rules.js';

export interface FileStoreOptions {
  dataDir: string;
  /** Milliseconds since the epoch, for expiring values (the app's clock). */
  now?: () => number;
}

interface StoredValue {
  namespace: string;
  key: string;
  value: string;
  /** Milliseconds since the epoch; absent: never expires. */
  expires?: number;
}

interface StoredIdempotencyKey {
  principal: string;
  key: string;
  tool: string;
  args_hash: string;
  ledger_id: string;
  time: string;
}

const SWEEP_EVERY_MS = 10 * 60_000;

/** The digest of (namespace, key) a value or key file is named by, loaded on first use (file-name.ts). */
async function fileName(...parts: string[]): Promise<string> {
  const { digestFileName } = await import('./file-name.js');
  return digestFileName(...parts);
}

let written = 0;
/** A name no other writer uses, for a file then published by rename or link. */
const tmpName = (target: string) => `${target}.${process.pid}.${++written}.tmp`;

export class FileMoneyStore implements MoneyStore {
  readonly kind = 'file' as const;
  readonly location: string;
  private readonly ledger: Ledger;
  private readonly now: () => number;
  private readonly lockFile: string;
  private readonly kvDir: string;
  private readonly keysDir: string;
  private key?: Buffer;
  private lastSweep = 0;
  private readonly made = new Set<string>();

  private readonly dataDir: string;

  constructor(options: FileStoreOptions) {
    this.dataDir = options.dataDir;
    this.ledger = new Ledger(options.dataDir);
    // What a person opens to see the spending; the other state lives beside it.
    this.location = this.ledger.file;
    this.now = options.now ?? Date.now;
    this.lockFile = path.join(options.dataDir, 'store.lock');
    this.kvDir = path.join(options.dataDir, 'values');
    this.keysDir = path.join(options.dataDir, 'idempotency-keys');
  }

  /** The folder, created on first write (start-up touches only the ledger). */
  private dir(folder: string): string {
    if (!this.made.has(folder)) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      this.made.add(folder);
    }
    return folder;
  }

  async claim(input: NewLedgerRecord, budgets?: BudgetLimits): Promise<ClaimResult> {
    const record: LedgerRecord = {
      ...input,
      principal: input.principal ?? LOCAL_PRINCIPAL,
      outcome: 'pending',
    };
    const credits = countedCredits(record);
    const step = (): ClaimResult => {
      const held = this.held(record.id);
      if (held) return held;
      if (credits > 0 && budgets) {
        const over = overBudget(this.spend(utcDay(record.time), record.principal), credits, budgets);
        if (over) return over;
      }
      return this.ledger.claim(record) ? { ok: true, record } : this.heldAfterRace(record.id);
    };
    // Without a budget to reserve, the claim file alone makes the claim exactly-once.
    if (credits > 0 && budgets) return withFileLock(this.lockFile, step);
    return step();
  }

  /** The refusal for an id held by a submission that was not released, if it is. */
  private held(id: string): ClaimResult | undefined {
    const prior = this.ledger.get(id);
    return prior && !isReleased(prior.outcome)
      ? { ok: false, reason: 'claimed', existing: prior }
      : undefined;
  }

  private heldAfterRace(id: string): ClaimResult {
    // Another process holds the claim file; its ledger line may not be written yet.
    const existing = this.ledger.get(id);
    return existing ? { ok: false, reason: 'claimed', existing } : { ok: false, reason: 'claimed' };
  }

  async finish(id: string, update: OutcomeUpdate): Promise<LedgerRecord> {
    const prior = this.ledger.get(id);
    if (!prior) throw new Error(`no ledger record ${id} to finish`);
    const record: LedgerRecord = { ...prior, ...definedFields(update) };
    this.ledger.finish(record);
    return record;
  }

  async get(id: string): Promise<LedgerRecord | undefined> {
    return this.ledger.get(id);
  }

  async list(query: ListQuery): Promise<LedgerRecord[]> {
    return this.ledger
      .all()
      .filter(
        (r) =>
          r.time >= query.since &&
          (query.until === undefined || r.time < query.until) &&
          (query.principal === undefined || r.principal === query.principal),
      )
      .sort((a, b) => a.time.localeCompare(b.time));
  }

  async twins(query: TwinQuery): Promise<LedgerRecord[]> {
    const outcomes = query.outcomes ?? UNSETTLED;
    return this.ledger
      .all()
      .filter(
        (r) =>
          r.tool === query.tool &&
          r.args_hash === query.argsHash &&
          r.time >= query.since &&
          outcomes.includes(r.outcome) &&
          (query.principal === undefined || r.principal === query.principal),
      )
      .sort((a, b) => b.time.localeCompare(a.time));
  }

  private spend(day: string, principal: string): DailySpend {
    const spend: DailySpend = { day, total: 0, principal: 0 };
    for (const r of this.ledger.all()) {
      if (utcDay(r.time) !== day) continue;
      const credits = countedCredits(r);
      spend.total += credits;
      if (r.principal === principal) spend.principal += credits;
    }
    return spend;
  }

  async dailySpend(day: string, principal: string): Promise<DailySpend> {
    return this.spend(day, principal);
  }

  private async keyFile(principal: string, key: string): Promise<string> {
    return path.join(this.dir(this.keysDir), await fileName(principal, key));
  }

  async idempotencyKey(principal: string, key: string): Promise<IdempotencyBinding | undefined> {
    let first: StoredIdempotencyKey;
    try {
      first = JSON.parse(readFileSync(await this.keyFile(principal, key), 'utf8')) as StoredIdempotencyKey;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    return { tool: first.tool, argsHash: first.args_hash, ledgerId: first.ledger_id, time: first.time };
  }

  async useIdempotencyKey(request: IdempotencyRequest): Promise<IdempotencyResult> {
    const target = await this.keyFile(request.principal, request.key);
    const entry: StoredIdempotencyKey = {
      principal: request.principal,
      key: request.key,
      tool: request.tool,
      args_hash: request.argsHash,
      ledger_id: request.ledgerId,
      time: request.time,
    };
    const tmp = tmpName(target);
    writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    try {
      // link(2) publishes the complete file, or fails when the key exists: the first use wins.
      linkSync(tmp, target);
      return { status: 'new' };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
    return sameOrConflict((await this.idempotencyKey(request.principal, request.key))!, request);
  }

  async signingKey(): Promise<Buffer> {
    if (!this.key) {
      const { fileSigningKey } = await import('./file-signing-key.js');
      this.key = fileSigningKey(this.dataDir);
    }
    return this.key;
  }

  private valueFile(namespace: string, key: string): Promise<string> {
    return fileName(namespace, key).then((name) => path.join(this.kvDir, name));
  }

  private readValue(file: string): StoredValue | undefined {
    try {
      const v = JSON.parse(readFileSync(file, 'utf8')) as StoredValue;
      return v.expires === undefined || v.expires > this.now() ? v : undefined;
    } catch {
      return undefined;
    }
  }

  private writeValue(file: string, value: StoredValue): void {
    this.dir(this.kvDir);
    const tmp = tmpName(file);
    writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
    renameSync(tmp, file);
  }

  /** Removes expired values now and then (inside the lock, so it never removes a fresh one). */
  private sweep(): void {
    if (this.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = this.now();
    for (const name of readdirSync(this.dir(this.kvDir))) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(this.kvDir, name);
      if (!this.readValue(file)) {
        try {
          unlinkSync(file);
        } catch {
          // gone already
        }
      }
    }
  }

  async putValue(namespace: string, key: string, value: string, ttlMs?: number): Promise<void> {
    const expires = ttlMs === undefined ? undefined : this.now() + ttlMs;
    const file = await this.valueFile(namespace, key);
    await withFileLock(this.lockFile, () => {
      this.sweep();
      this.writeValue(file, { namespace, key, value, expires });
    });
  }

  async getValue(namespace: string, key: string): Promise<string | undefined> {
    return this.readValue(await this.valueFile(namespace, key))?.value;
  }

  async deleteValue(namespace: string, key: string): Promise<void> {
    const file = await this.valueFile(namespace, key);
    await withFileLock(this.lockFile, () => {
      try {
        unlinkSync(file);
      } catch {
        // absent already
      }
    });
  }

  async acceptOnce(namespace: string, key: string, ttlMs: number): Promise<boolean> {
    const file = await this.valueFile(namespace, key);
    return withFileLock(this.lockFile, () => {
      this.sweep();
      if (this.readValue(file)) return false;
      this.writeValue(file, { namespace, key, value: '', expires: this.now() + ttlMs });
      return true;
    });
  }

  async importRecords(records: readonly LedgerRecord[]): Promise<ImportSummary> {
    return withFileLock(this.lockFile, () => {
      const summary: ImportSummary = { imported: 0, present: 0 };
      for (const r of records) {
        if (this.ledger.adopt({ ...r, principal: r.principal ?? LOCAL_PRINCIPAL })) summary.imported++;
        else summary.present++;
      }
      return summary;
    });
  }

  async close(): Promise<void> {}
}
