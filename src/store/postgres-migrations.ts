/**
 * The PostgreSQL store's schema, as an ordered list of migrations applied at start. Instances that
 * start together take turns under a session advisory lock (keyed by the schema name), each migration
 * runs in its own transaction with its row in schema_version, and a schema newer than this build
 * knows stops the server: an old instance must not write rows a newer one reads differently.
 * Append a migration to change the schema; never edit an applied one.
 */
import type { Pool, PoolClient } from 'pg';
import { StoreSchemaError } from '../errors.js';
import { VERSION } from '../version.js';

interface Migration {
  version: number;
  description: string;
  /** SQL for the schema named (already quoted) `s`. */
  up(s: string): string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'ledger, idempotency keys, expiring values, settings',
    up: (s) => `
      CREATE TABLE ${s}.ledger (
        id text PRIMARY KEY,
        time timestamptz NOT NULL,
        day date NOT NULL,
        principal text NOT NULL,
        tool text NOT NULL,
        args_hash text NOT NULL,
        billing text NOT NULL,
        outcome text NOT NULL,
        quoted double precision NOT NULL,
        charged double precision,
        -- What a budget counts (countedCredits in src/store/ledger-record.ts).
        counted double precision GENERATED ALWAYS AS (
          CASE WHEN billing = 'credits' AND outcome NOT IN ('rejected', 'not_sent')
            THEN coalesce(charged, quoted) ELSE 0 END
        ) STORED,
        record jsonb NOT NULL
      );
      CREATE INDEX ledger_day_principal ON ${s}.ledger (day, principal);
      CREATE INDEX ledger_time ON ${s}.ledger (time);
      CREATE INDEX ledger_twins ON ${s}.ledger (tool, args_hash, time DESC);
      CREATE TABLE ${s}.idempotency_keys (
        principal text NOT NULL,
        key text NOT NULL,
        tool text NOT NULL,
        args_hash text NOT NULL,
        ledger_id text NOT NULL,
        time timestamptz NOT NULL,
        PRIMARY KEY (principal, key)
      );
      CREATE TABLE ${s}.kv (
        namespace text NOT NULL,
        key text NOT NULL,
        value text NOT NULL,
        expires_at timestamptz,
        PRIMARY KEY (namespace, key)
      );
      CREATE INDEX kv_expires ON ${s}.kv (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE ${s}.settings (name text PRIMARY KEY, value text NOT NULL);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface MigrationReport {
  from: number;
  to: number;
}

async function apply(client: PoolClient, s: string, m: Migration) {
  await client.query('BEGIN');
  try {
    await client.query(m.up(s));
    await client.query(`INSERT INTO ${s}.schema_version (version, description) VALUES ($1, $2)`, [
      m.version,
      m.description,
    ]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Brings `schema` to LATEST_VERSION (creating it if needed); refuses a schema newer than that. */
export async function migrate(pool: Pool, schema: string): Promise<MigrationReport> {
  const s = quoteIdent(schema);
  const lockKey = `videogen-mcp:migrate:${schema}`;
  const client = await pool.connect();
  // Errors of a checked-out connection also reject its query; unheard, they would end the process.
  const ignore = () => undefined;
  client.on('error', ignore);
  let broken: unknown;
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ v: number }>(
        `SELECT coalesce(max(version), 0)::int AS v FROM ${s}.schema_version`,
      );
      const from = rows[0]!.v;
      if (from > LATEST_VERSION) {
        throw new StoreSchemaError(
          `the database schema "${schema}" is at version ${from}, newer than videogen-mcp ${VERSION} knows (${LATEST_VERSION}): run a newer videogen-mcp, or set VIDEOGEN_DATABASE_SCHEMA to another schema`,
        );
      }
      for (const m of MIGRATIONS) {
        if (m.version > from) await apply(client, s, m);
      }
      return { from, to: LATEST_VERSION };
    } finally {
      await client
        .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey])
        .catch(() => undefined);
    }
  } catch (err) {
    broken = err;
    throw err;
  } finally {
    // A connection that failed mid-way is dropped rather than handed to the next caller.
    client.off('error', ignore);
    client.release(broken !== undefined && !(broken instanceof StoreSchemaError));
  }
}
