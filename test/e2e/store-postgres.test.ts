/**
 * The PostgreSQL store against a real server: versioned migrations at start (once, however many
 * instances start together; refused when the schema is newer), failing closed with a typed error when
 * the database cannot be reached, and recovering by itself when it can again (a TCP relay in front of
 * the server is cut and restored; the server itself is never touched). The password never shows.
 */
import { expect, it } from 'vitest';
import { StoreSchemaError, StoreUnavailableError, toToolResult } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/postgres-migrations.js';
import { budgetLockKey, openPostgresStore } from '../../src/store/postgres-store.js';
import { describePostgres, sql, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';
import { closedPort, startTcpProxy } from '../helpers/tcp-proxy.js';

const { fresh } = testSchemas();

const logs: string[] = [];
const logger = createLogger('debug', (line) => logs.push(line));
const PASSWORD = 'pw-that-must-never-be-printed';
const withPassword = (url: string) => {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
};

const claimOf = (id: string) => ({
  id,
  time: new Date().toISOString(),
  tool: 'samsar_text_to_video',
  provider: 'samsar' as const,
  args_hash: 'h',
  billing: 'credits' as const,
  quoted: 100,
  confirmed_by: 'token' as const,
});

describePostgres('PostgreSQL store: migrations', () => {
  it('migrates a fresh schema to the latest version; starting again applies nothing and keeps the data', async () => {
    const schema = fresh();
    const first = await openPostgresStore({ url: TEST_DATABASE_URL, schema, logger });
    expect(first.migration).toEqual({ from: 0, to: LATEST_VERSION });
    await first.claim(claimOf('kept'));
    await first.close();
    const tables = await sql<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'idempotency_keys',
      'kv',
      'ledger',
      'schema_version',
      'settings',
    ]);
    const applied = await sql(`SELECT version, applied_at FROM "${schema}".schema_version ORDER BY version`);
    expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));

    const again = await openPostgresStore({ url: TEST_DATABASE_URL, schema, logger });
    expect(again.migration).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    expect(await sql(`SELECT version, applied_at FROM "${schema}".schema_version ORDER BY version`)).toEqual(
      applied,
    );
    expect(await again.get('kept')).toMatchObject({ id: 'kept', outcome: 'pending' });
    await again.close();
  });

  it('migrates once when several instances start together', async () => {
    const schema = fresh();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresStore({ url: TEST_DATABASE_URL, schema, logger })),
    );
    expect(stores.filter((s) => s.migration.from === 0)).toHaveLength(1);
    expect(await sql(`SELECT count(*)::int AS n FROM "${schema}".schema_version`)).toEqual([
      { n: MIGRATIONS.length },
    ]);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('refuses to start on a schema newer than it knows, and leaves it alone', async () => {
    const schema = fresh();
    await (await openPostgresStore({ url: TEST_DATABASE_URL, schema, logger })).close();
    await sql(
      `INSERT INTO "${schema}".schema_version (version, description) VALUES ($1, 'from the future')`,
      [LATEST_VERSION + 1],
    );
    const refused = openPostgresStore({ url: TEST_DATABASE_URL, schema, logger });
    await expect(refused).rejects.toBeInstanceOf(StoreSchemaError);
    await expect(refused).rejects.toThrow(
      `the database schema "${schema}" is at version ${LATEST_VERSION + 1}, newer than videogen-mcp`,
    );
    expect(await sql(`SELECT count(*)::int AS n FROM "${schema}".schema_version`)).toEqual([
      { n: MIGRATIONS.length + 1 },
    ]);
  });
});

describePostgres('PostgreSQL store: failing closed and recovering', () => {
  it('rejects at once with store_unavailable when nothing listens on the port', async () => {
    const port = await closedPort();
    const url = withPassword(`postgres://postgres@127.0.0.1:${port}/test`);
    const opening = openPostgresStore({ url, schema: fresh(), logger });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    const err = await opening.catch((e: unknown) => e);
    expect((err as StoreUnavailableError).reason).toContain('ECONNREFUSED');
    expect(JSON.stringify(toToolResult(err))).not.toContain(PASSWORD);
  });

  it('gives up after the connect time-out when the database accepts connections and never answers', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    proxy.setMode('hang');
    try {
      const opening = openPostgresStore({ url: proxy.via(TEST_DATABASE_URL), schema: fresh(), logger });
      await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await proxy.close();
    }
  });

  it('gives up on a query the database stops answering mid-connection, and then serves again', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = proxy.via(TEST_DATABASE_URL);
    const store = await openPostgresStore({ url, schema: fresh(), logger, queryTimeoutMs: 500 });
    try {
      expect((await store.claim(claimOf('before'))).ok).toBe(true);
      proxy.setMode('stall');
      await expect(store.get('before')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.claim(claimOf('during'), { daily: 1000 })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      proxy.setMode('open');
      expect(await store.get('before')).toMatchObject({ outcome: 'pending' });
    } finally {
      await store.close();
      await proxy.close();
    }
  });

  it('does not let a session cut off mid-reservation hold the budget lock: the server ends it', async () => {
    const schema = fresh();
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const cutOff = await openPostgresStore({
      url: proxy.via(TEST_DATABASE_URL),
      schema,
      logger,
      queryTimeoutMs: 500,
    });
    const other = await openPostgresStore({ url: TEST_DATABASE_URL, schema, logger });
    const session = await cutOff.pool.connect();
    session.on('error', () => undefined);
    try {
      const claim = claimOf('waits-for-the-lock');
      await session.query('BEGIN');
      await session.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        budgetLockKey(schema, claim.time.slice(0, 10)),
      ]);
      proxy.setMode('stall');
      expect((await other.claim(claim, { daily: 1000 })).ok).toBe(true);
    } finally {
      session.release(true);
      await other.close();
      await cutOff.close();
      await proxy.close();
    }
  });

  it('refuses every call while the database is cut off, then serves again by itself, printing no password', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = withPassword(proxy.via(TEST_DATABASE_URL));
    const store = await openPostgresStore({ url, schema: fresh(), logger });
    try {
      expect((await store.claim(claimOf('before'))).ok).toBe(true);

      proxy.setMode('cut');
      for (const call of [
        () => store.claim(claimOf('during'), { daily: 1000 }),
        () => store.get('before'),
        () => store.finish('before', { outcome: 'sent' }),
        () => store.signingKey(),
        () => store.acceptOnce('nonce', 'n', 1000),
      ]) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StoreUnavailableError);
        const result = toToolResult(err);
        expect(result.structuredContent).toMatchObject({
          code: 'store_unavailable',
          hint: expect.stringContaining('Paid calls are refused until the store is back'),
        });
        expect(JSON.stringify(result)).not.toContain(PASSWORD);
      }

      proxy.setMode('open');
      expect(await store.get('before')).toMatchObject({ outcome: 'pending' });
      expect(await store.get('during')).toBeUndefined();
      expect((await store.claim(claimOf('after'), { daily: 1000 })).ok).toBe(true);
      expect(proxy.relayed).toBeGreaterThan(1);
    } finally {
      await store.close();
      await proxy.close();
    }
    expect(logs.join('\n')).not.toContain(PASSWORD);
  });
});
