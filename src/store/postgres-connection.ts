/**
 * How the PostgreSQL store connects: the pg driver loaded only when VIDEOGEN_DATABASE_URL is set (a
 * single user never pays for it), short time-outs so an unreachable database fails a paid call in
 * seconds instead of hanging it, and every failure to reach the database turned into one typed
 * StoreUnavailableError. The password is registered for redaction before anything can print it.
 */
import type { ClientConfig, Pool, PoolConfig } from 'pg';
import { StoreUnavailableError, VideogenError } from '../errors.js';
import type { Logger } from '../log.js';
import { registerSecret } from '../redact.js';

export type PgModule = typeof import('pg')['default'];

let driver: Promise<PgModule> | undefined;

export function loadPg(): Promise<PgModule> {
  driver ??= import('pg').then((m) => m.default);
  return driver;
}

export interface ConnectionOptions {
  url: string;
  /** Time to establish a connection (or wait for a free one) before the call fails. */
  connectTimeoutMs?: number;
  /** Time a query may take before the call fails (the connection is then dropped). */
  queryTimeoutMs?: number;
  /** Connections per pool. */
  max?: number;
}

const CONNECT_TIMEOUT_MS = 2500;
const QUERY_TIMEOUT_MS = 5000;

/** Registers the password (and the URL holding it) so no log line, error or result can carry it. */
export function registerDatabaseSecrets(url: string): void {
  try {
    const password = new URL(url).password;
    registerSecret(password);
    registerSecret(decodeURIComponent(password));
  } catch {
    // not a URL the WHATWG parser reads: pg may still; the whole string is registered below
  }
  if (/:[^/@]+@/.test(url)) registerSecret(url);
  // pg falls back on the standard libpq variable when the URL has no password.
  registerSecret(process.env.PGPASSWORD);
}

/** host:port/database, for messages: never the user's password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'VIDEOGEN_DATABASE_URL';
  }
}

export function clientConfig(options: ConnectionOptions): ClientConfig {
  const queryTimeout = options.queryTimeoutMs ?? QUERY_TIMEOUT_MS;
  return {
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    query_timeout: queryTimeout,
    // The server gives up too: a session cut off mid-transaction must not keep holding a budget lock
    // until TCP notices, and a statement must not outlive the caller who gave up on it.
    options: `-c statement_timeout=${queryTimeout} -c idle_in_transaction_session_timeout=${2 * queryTimeout}`,
    keepAlive: true,
    application_name: 'videogen-mcp',
  };
}

export async function createPool(options: ConnectionOptions, logger: Logger): Promise<Pool> {
  const pg = await loadPg();
  const config: PoolConfig = { ...clientConfig(options), max: options.max ?? 10, idleTimeoutMillis: 30_000 };
  const pool = new pg.Pool(config);
  // An idle connection the server dropped: the pool discards it and opens a new one when needed.
  pool.on('error', (err) => logger.warn(`PostgreSQL: an idle connection failed (${err.message})`));
  return pool;
}

/**
 * SQLSTATE classes meaning the database cannot serve us right now: connection exceptions (08),
 * operator intervention (57: shutdown, cancelled by time-out), insufficient resources (53).
 */
const UNAVAILABLE_SQLSTATE = /^(08|57|53)/;

function reasonOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return reasonOf(err.errors[0]);
  const e = err as { message?: string; code?: string };
  return e.message || e.code || String(err);
}

/** The typed error for a failure to reach the database; other errors (a bug in a query) pass as they are. */
export function storeError(err: unknown, where: string): unknown {
  if (err instanceof VideogenError) return err;
  const code = (err as { code?: unknown }).code;
  const fromServer = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
  if (fromServer && !UNAVAILABLE_SQLSTATE.test(code)) return err;
  return new StoreUnavailableError(`PostgreSQL at ${where}: ${reasonOf(err)}`);
}
