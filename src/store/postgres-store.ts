/**
 * The MoneyStore in PostgreSQL (VIDEOGEN_DATABASE_URL), shared by every instance of a team's or a
 * pipeline's servers. Each guarantee rests on the database, not on a read-then-write in this process:
 *
 * - Claims: INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE the earlier submission was released; the
 *   primary key makes a claim exactly-once, and a released id can be claimed again by one caller.
 * - Budgets: the claim and the day's sum run in one transaction holding pg_advisory_xact_lock for that
 *   day (and schema), so claims racing on any number of instances reserve one after another.
 * - Idempotency keys, the signing key, accept-once: one statement each, settled by a primary key.
 * - Failure: any call that cannot reach the database rejects with StoreUnavailableError within the
 *   connect time-out; pg's pool opens new connections when the database is back.
 */
import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../log.js';
import { registerSecret } from '../redact.js';
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
import {
  type ConnectionOptions,
  createPool,
  describeUrl,
  registerDatabaseSecrets,
  storeError,
} from './postgres-connection.js';
import { PostgresEventBus } from './postgres-event-bus.js';
import { type MigrationReport, migrate, quoteIdent } from './postgres-migrations.js';
import { definedFields, overBudget, sameOrConflict, UNSETTLED } from './store-rules.js';

export interface PostgresStoreOptions extends ConnectionOptions {
  /** The schema holding the tables (created by the first migration when missing). */
  schema: string;
  logger: Logger;
  /** Milliseconds since the epoch, for expiring values (the app's clock). */
  now?: () => number;
}

type Queryable = Pick<PoolClient, 'query'>;

const SWEEP_EVERY_MS = 10 * 60_000;

/** A claim takes over an id only from a submission provably not accepted (the row lock decides races). */
const RECLAIM_RELEASED = `ON CONFLICT (id) DO UPDATE SET time = EXCLUDED.time, day = EXCLUDED.day,
  principal = EXCLUDED.principal, tool = EXCLUDED.tool, args_hash = EXCLUDED.args_hash,
  billing = EXCLUDED.billing, outcome = EXCLUDED.outcome, quoted = EXCLUDED.quoted,
  charged = EXCLUDED.charged, record = EXCLUDED.record
  WHERE l.outcome IN ('rejected', 'not_sent')`;
const iso = (ms: number) => new Date(ms).toISOString();

/** The advisory lock every budget reservation of one UTC day (in one schema) takes in turn. */
export function budgetLockKey(schema: string, day: string): string {
  return `videogen-mcp:budget:${schema}:${day}`;
}

export class PostgresMoneyStore implements MoneyStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  /** Where migrations took the schema from and to, at open. */
  migration: MigrationReport = { from: 0, to: 0 };
  private readonly t: { ledger: string; keys: string; kv: string; settings: string };
  private readonly now: () => number;
  private key?: Promise<Buffer>;
  private bus?: Promise<PostgresEventBus>;
  private lastSweep = 0;

  constructor(
    readonly pool: Pool,
    private readonly options: PostgresStoreOptions,
  ) {
    const s = quoteIdent(options.schema);
    this.t = {
      ledger: `${s}.ledger`,
      keys: `${s}.idempotency_keys`,
      kv: `${s}.kv`,
      settings: `${s}.settings`,
    };
    this.location = `postgresql://${describeUrl(options.url)} (schema ${options.schema})`;
    this.now = options.now ?? Date.now;
  }

  /** Runs a database step, turning "cannot reach the database" into StoreUnavailableError. */
  private async run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      throw storeError(err, describeUrl(this.options.url));
    }
  }

  private transaction<T>(step: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.run(async () => {
      const client = await this.pool.connect();
      // A checked-out connection's errors are ours to catch (the pool listens only to idle ones): the
      // failing query rejects as well, so the listener only keeps the event from crashing the process.
      const ignore = () => undefined;
      client.on('error', ignore);
      try {
        await client.query('BEGIN');
        const result = await step(client);
        await client.query('COMMIT');
        client.off('error', ignore);
        client.release();
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.off('error', ignore);
        // Drop the connection: after a time-out or a reset it cannot be trusted with the next call.
        client.release(true);
        throw err;
      }
    });
  }

  private async record(db: Queryable, id: string): Promise<LedgerRecord | undefined> {
    const { rows } = await db.query<{ record: LedgerRecord }>(
      `SELECT record FROM ${this.t.ledger} WHERE id = $1`,
      [id],
    );
    return rows[0]?.record;
  }

  /** Inserts a whole record; `onConflict` decides what happens when the id is there already. */
  private async insertRecord(db: Queryable, r: LedgerRecord, onConflict: string): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO ${this.t.ledger} AS l (id, time, day, principal, tool, args_hash, billing, outcome, quoted, charged, record)
       VALUES ($1, $2::timestamptz, $3::date, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) ${onConflict}`,
      [
        r.id,
        r.time,
        utcDay(r.time),
        r.principal,
        r.tool,
        r.args_hash,
        r.billing,
        r.outcome,
        r.quoted,
        r.charged ?? null,
        JSON.stringify(r),
      ],
    );
    return rowCount === 1;
  }

  /** Inserts the pending claim unless the id is held by a submission that was not released. */
  private insertClaim(db: Queryable, r: LedgerRecord): Promise<boolean> {
    return this.insertRecord(db, r, RECLAIM_RELEASED);
  }

  private async claimed(db: Queryable, id: string): Promise<ClaimResult> {
    const existing = await this.record(db, id);
    return existing ? { ok: false, reason: 'claimed', existing } : { ok: false, reason: 'claimed' };
  }

  private async spend(db: Queryable, day: string, principal: string): Promise<DailySpend> {
    const { rows } = await db.query<{ total: number; mine: number }>(
      `SELECT coalesce(sum(counted), 0)::float8 AS total,
              coalesce(sum(counted) FILTER (WHERE principal = $2), 0)::float8 AS mine
       FROM ${this.t.ledger} WHERE day = $1::date`,
      [day, principal],
    );
    return { day, total: rows[0]!.total, principal: rows[0]!.mine };
  }

  async claim(input: NewLedgerRecord, budgets?: BudgetLimits): Promise<ClaimResult> {
    const record: LedgerRecord = {
      ...input,
      principal: input.principal ?? LOCAL_PRINCIPAL,
      outcome: 'pending',
    };
    const credits = countedCredits(record);
    if (!(credits > 0 && budgets)) {
      // Nothing to reserve: the primary key alone makes the claim exactly-once.
      return this.run(async () =>
        (await this.insertClaim(this.pool, record))
          ? { ok: true, record }
          : this.claimed(this.pool, record.id),
      );
    }
    const day = utcDay(record.time);
    return this.transaction(async (db) => {
      // Every reservation on this day (in this schema) waits here for the one before to commit, so the
      // sum below includes it; the lock ends with the transaction.
      await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        budgetLockKey(this.options.schema, day),
      ]);
      const prior = await this.record(db, record.id);
      if (prior && !isReleased(prior.outcome)) return { ok: false, reason: 'claimed', existing: prior };
      const over = overBudget(await this.spend(db, day, record.principal), credits, budgets);
      if (over) return over;
      return (await this.insertClaim(db, record)) ? { ok: true, record } : this.claimed(db, record.id);
    });
  }

  async finish(id: string, update: OutcomeUpdate): Promise<LedgerRecord> {
    const set = definedFields(update);
    const { rows } = await this.run(() =>
      this.pool.query<{ record: LedgerRecord }>(
        `UPDATE ${this.t.ledger} SET outcome = $2, charged = coalesce($3, charged), record = record || $4::jsonb
         WHERE id = $1 RETURNING record`,
        [id, update.outcome, update.charged ?? null, JSON.stringify(set)],
      ),
    );
    if (!rows[0]) throw new Error(`no ledger record ${id} to finish`);
    return rows[0].record;
  }

  get(id: string): Promise<LedgerRecord | undefined> {
    return this.run(() => this.record(this.pool, id));
  }

  async list(query: ListQuery): Promise<LedgerRecord[]> {
    const { rows } = await this.run(() =>
      this.pool.query<{ record: LedgerRecord }>(
        `SELECT record FROM ${this.t.ledger}
         WHERE time >= $1::timestamptz AND ($2::timestamptz IS NULL OR time < $2::timestamptz)
           AND ($3::text IS NULL OR principal = $3)
         ORDER BY time, id`,
        [query.since, query.until ?? null, query.principal ?? null],
      ),
    );
    return rows.map((r) => r.record);
  }

  async twins(query: TwinQuery): Promise<LedgerRecord[]> {
    const { rows } = await this.run(() =>
      this.pool.query<{ record: LedgerRecord }>(
        `SELECT record FROM ${this.t.ledger}
         WHERE tool = $1 AND args_hash = $2 AND time >= $3::timestamptz AND outcome = ANY($4::text[])
           AND ($5::text IS NULL OR principal = $5)
         ORDER BY time DESC, id DESC`,
        [
          query.tool,
          query.argsHash,
          query.since,
          [...(query.outcomes ?? UNSETTLED)],
          query.principal ?? null,
        ],
      ),
    );
    return rows.map((r) => r.record);
  }

  dailySpend(day: string, principal: string): Promise<DailySpend> {
    return this.run(() => this.spend(this.pool, day, principal));
  }

  async useIdempotencyKey(request: IdempotencyRequest): Promise<IdempotencyResult> {
    const inserted = await this.run(() =>
      this.pool.query(
        `INSERT INTO ${this.t.keys} (principal, key, tool, args_hash, ledger_id, time)
         VALUES ($1, $2, $3, $4, $5, $6::timestamptz) ON CONFLICT (principal, key) DO NOTHING`,
        [request.principal, request.key, request.tool, request.argsHash, request.ledgerId, request.time],
      ),
    );
    if (inserted.rowCount === 1) return { status: 'new' };
    // Keys are never deleted, so the row that refused the insert is there to read.
    return sameOrConflict((await this.idempotencyKey(request.principal, request.key))!, request);
  }

  async idempotencyKey(principal: string, key: string): Promise<IdempotencyBinding | undefined> {
    const { rows } = await this.run(() =>
      this.pool.query<{ tool: string; args_hash: string; ledger_id: string; time: Date }>(
        `SELECT tool, args_hash, ledger_id, time FROM ${this.t.keys} WHERE principal = $1 AND key = $2`,
        [principal, key],
      ),
    );
    const first = rows[0];
    return first
      ? {
          tool: first.tool,
          argsHash: first.args_hash,
          ledgerId: first.ledger_id,
          time: first.time.toISOString(),
        }
      : undefined;
  }

  signingKey(): Promise<Buffer> {
    this.key ??= this.run(async () => {
      // Whichever instance inserts first sets the key; the others read it in the next statement.
      await this.pool.query(
        `INSERT INTO ${this.t.settings} (name, value) VALUES ('signing_key', $1) ON CONFLICT (name) DO NOTHING`,
        [randomBytes(32).toString('hex')],
      );
      const { rows } = await this.pool.query<{ value: string }>(
        `SELECT value FROM ${this.t.settings} WHERE name = 'signing_key'`,
      );
      const hex = rows[0]!.value;
      registerSecret(hex);
      return Buffer.from(hex, 'hex');
    }).catch((err) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }

  /** Deletes expired values now and then. */
  private async sweep(): Promise<void> {
    if (this.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = this.now();
    await this.pool.query(`DELETE FROM ${this.t.kv} WHERE expires_at <= $1::timestamptz`, [iso(this.now())]);
  }

  putValue(namespace: string, key: string, value: string, ttlMs?: number): Promise<void> {
    return this.run(async () => {
      await this.sweep();
      await this.pool.query(
        `INSERT INTO ${this.t.kv} (namespace, key, value, expires_at) VALUES ($1, $2, $3, $4::timestamptz)
         ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
        [namespace, key, value, ttlMs === undefined ? null : iso(this.now() + ttlMs)],
      );
    });
  }

  async getValue(namespace: string, key: string): Promise<string | undefined> {
    const { rows } = await this.run(() =>
      this.pool.query<{ value: string }>(
        `SELECT value FROM ${this.t.kv}
         WHERE namespace = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3::timestamptz)`,
        [namespace, key, iso(this.now())],
      ),
    );
    return rows[0]?.value;
  }

  deleteValue(namespace: string, key: string): Promise<void> {
    return this.run(async () => {
      await this.pool.query(`DELETE FROM ${this.t.kv} WHERE namespace = $1 AND key = $2`, [namespace, key]);
    });
  }

  acceptOnce(namespace: string, key: string, ttlMs: number): Promise<boolean> {
    return this.run(async () => {
      await this.sweep();
      // The row lock of ON CONFLICT decides between concurrent callers; an expired mark is renewed.
      const { rowCount } = await this.pool.query(
        `INSERT INTO ${this.t.kv} AS v (namespace, key, value, expires_at) VALUES ($1, $2, '', $3::timestamptz)
         ON CONFLICT (namespace, key) DO UPDATE SET value = '', expires_at = EXCLUDED.expires_at
         WHERE v.expires_at IS NOT NULL AND v.expires_at <= $4::timestamptz`,
        [namespace, key, iso(this.now() + ttlMs), iso(this.now())],
      );
      return rowCount === 1;
    });
  }

  importRecords(records: readonly LedgerRecord[]): Promise<ImportSummary> {
    return this.transaction(async (db) => {
      const summary: ImportSummary = { imported: 0, present: 0 };
      for (const input of records) {
        const r = { ...input, principal: input.principal ?? LOCAL_PRINCIPAL };
        const added = await this.insertRecord(db, r, 'ON CONFLICT (id) DO NOTHING');
        if (added) summary.imported++;
        else summary.present++;
      }
      return summary;
    });
  }

  /** The change-event bus over LISTEN/NOTIFY on this store's database (one per store, started once). */
  eventBus(): Promise<PostgresEventBus> {
    this.bus ??= (async () => {
      const bus = new PostgresEventBus({
        connection: this.options,
        pool: this.pool,
        schema: this.options.schema,
        store: this,
        logger: this.options.logger,
      });
      await bus.start();
      return bus;
    })();
    return this.bus;
  }

  async close(): Promise<void> {
    const bus = await this.bus?.catch(() => undefined);
    await bus?.close();
    await this.pool.end();
  }
}

/** Connects, migrates the schema (see postgres-migrations.ts) and returns the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresMoneyStore> {
  registerDatabaseSecrets(options.url);
  const pool = await createPool(options, options.logger);
  const store = new PostgresMoneyStore(pool, options);
  try {
    store.migration = await migrate(pool, options.schema).catch((err) => {
      throw storeError(err, describeUrl(options.url));
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return store;
}
