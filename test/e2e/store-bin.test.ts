/**
 * The PostgreSQL store as a user meets it on the built bin: `videogen-mcp ledger import FILE` moves a
 * real ledger (written by the server on the file store) into the database once, however often it
 * runs; and a server refuses to start, with one line and exit code 2, on a schema newer than it knows
 * or a database it cannot reach.
 */
import { appendFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { readLedgerFile } from '../../src/store/file-ledger.js';
import { describeUrl } from '../../src/store/postgres-connection.js';
import { LATEST_VERSION } from '../../src/store/postgres-migrations.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { startHarness } from '../helpers/harness.js';
import { startSamsarRender } from '../helpers/jobs.js';
import { describePostgres, sql, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';
import { requireBuiltBin, runBin } from '../helpers/spawn-bin.js';
import { closedPort } from '../helpers/tcp-proxy.js';

const { fresh } = testSchemas();

const baseEnv = () => ({
  VIDEOGEN_SANDBOX: '1',
  VIDEOGEN_LOG_LEVEL: 'warn',
  VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-bin-store-')),
});
const lines = (text: string) => text.split('\n').filter(Boolean);

describePostgres('videogen-mcp ledger import (built bin)', () => {
  let ledgerFile = '';
  beforeAll(async () => {
    requireBuiltBin();
    // A ledger as the server writes it on the file store: two paid renders (pending, then sent).
    const h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' } });
    try {
      await startSamsarRender(h, 'first render');
      await startSamsarRender(h, 'second render');
    } finally {
      await h.close();
    }
    ledgerFile = path.join(h.app.deps.config.dataDir, 'ledger.jsonl');
    // A line a crash tore in half is left out, as the file store leaves it out.
    appendFileSync(ledgerFile, '{"id":"torn","time":"2026-');
  });

  it('imports every record once, keeping ids and outcomes; a second run imports nothing', async () => {
    const schema = fresh();
    const env = { ...baseEnv(), VIDEOGEN_DATABASE_URL: TEST_DATABASE_URL, VIDEOGEN_DATABASE_SCHEMA: schema };
    const first = await runBin(['ledger', 'import', ledgerFile], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^imported 2 ledger records from .*ledger\.jsonl into postgresql:\/\/.* already there\n$/,
    );
    expect(first.stdout).toContain('; 0 already there');

    const second = await runBin(['ledger', 'import', ledgerFile], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('imported 0 ledger records');
    expect(second.stdout).toContain('; 2 already there');

    const expected = readLedgerFile(ledgerFile);
    expect(expected.map((r) => r.outcome)).toEqual(['sent', 'sent']);
    const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema, logger: createLogger('silent') });
    try {
      for (const r of expected) expect(await store.get(r.id)).toEqual(r);
      expect(await store.get('torn')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('says in one line what is missing: the database, or the file', async () => {
    const noDb = await runBin(['ledger', 'import', ledgerFile], baseEnv());
    expect(noDb.code).toBe(2);
    expect(lines(noDb.stderr)).toEqual([
      'videogen-mcp: ledger import needs VIDEOGEN_DATABASE_URL: the PostgreSQL store to import into',
    ]);
    const env = { ...baseEnv(), VIDEOGEN_DATABASE_URL: TEST_DATABASE_URL, VIDEOGEN_DATABASE_SCHEMA: fresh() };
    const noFile = await runBin(['ledger', 'import', '/nonexistent/ledger.jsonl'], env);
    expect(noFile.code).toBe(2);
    expect(lines(noFile.stderr)).toHaveLength(1);
    expect(noFile.stderr).toContain('cannot read the ledger /nonexistent/ledger.jsonl');
    const usage = await runBin(['ledger', 'export'], baseEnv());
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: videogen-mcp ledger import FILE');
  });
});

describePostgres('server start-up on PostgreSQL (built bin)', () => {
  it('refuses a schema newer than it knows: one line, exit code 2', async () => {
    const schema = fresh();
    await (
      await openPostgresStore({ url: TEST_DATABASE_URL, schema, logger: createLogger('silent') })
    ).close();
    await sql(`INSERT INTO "${schema}".schema_version (version, description) VALUES ($1, 'newer')`, [
      LATEST_VERSION + 1,
    ]);
    const run = await runBin([], {
      ...baseEnv(),
      VIDEOGEN_DATABASE_URL: TEST_DATABASE_URL,
      VIDEOGEN_DATABASE_SCHEMA: schema,
    });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^videogen-mcp: the database schema "${schema}" is at version ${LATEST_VERSION + 1}, newer than videogen-mcp \\S+ knows \\(${LATEST_VERSION}\\)`,
      ),
    );
    expect(run.stdout).toBe('');
  });

  it('refuses to start when the database cannot be reached, without printing its password', async () => {
    const port = await closedPort();
    const url = `postgres://postgres:never-print-this-password@127.0.0.1:${port}/test`;
    const run = await runBin([], { ...baseEnv(), VIDEOGEN_DATABASE_URL: url });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      `videogen-mcp: cannot open the store: PostgreSQL at 127.0.0.1:${port}/test: connect ECONNREFUSED 127.0.0.1:${port}`,
    ]);
    expect(run.stderr + run.stdout).not.toContain('never-print-this-password');
  });

  it('serves on a migrated schema and says where its store is', async () => {
    const schema = fresh();
    const run = await runBin([], {
      ...baseEnv(),
      VIDEOGEN_LOG_LEVEL: 'info',
      VIDEOGEN_DATABASE_URL: TEST_DATABASE_URL,
      VIDEOGEN_DATABASE_SCHEMA: schema,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `store: postgresql://${describeUrl(TEST_DATABASE_URL)} (schema ${schema}), migrated from schema version 0 to ${LATEST_VERSION}`,
    );
    expect(await sql(`SELECT max(version)::int AS v FROM "${schema}".schema_version`)).toEqual([
      { v: LATEST_VERSION },
    ]);
  });
});
