/**
 * The MoneyStore contract, run on both stores: the file store (a data directory) and the PostgreSQL
 * store (a schema of its own per test, dropped afterwards). "Two instances" are two store objects over
 * the same directory or schema (for PostgreSQL, two connection pools), as two servers would be.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { FileMoneyStore } from '../../src/store/file-store.js';
import type { LedgerRecord } from '../../src/store/ledger-record.js';
import type { ClaimResult, MoneyStore, NewLedgerRecord } from '../../src/store/money-store.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { postgresEnabled, sayPostgresSkipped, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';

interface Backend {
  name: string;
  /** A new, empty location (directory or schema). */
  fresh(): string;
  /** A store instance over `location`; `now` is its clock. */
  open(location: string, now: () => number): Promise<MoneyStore>;
}

const execFileAsync = promisify(execFile);
const schemas = testSchemas();
const logger = createLogger('silent');

const backends: Backend[] = [
  {
    name: 'file',
    fresh: () => mkdtempSync(path.join(os.tmpdir(), 'videogen-store-')),
    open: async (dir, now) => new FileMoneyStore({ dataDir: dir, now }),
  },
];
if (postgresEnabled) {
  backends.push({
    name: 'postgres',
    fresh: () => schemas.fresh(),
    open: (schema, now) => openPostgresStore({ url: TEST_DATABASE_URL, schema, logger, now, max: 12 }),
  });
} else {
  sayPostgresSkipped();
}

describe.each(backends)('MoneyStore contract: $name store', (backend) => {
  let clock = Date.parse('2026-03-10T12:00:00.000Z');
  const now = () => clock;
  const open: MoneyStore[] = [];
  /** Two instances over one fresh location. */
  const twoInstances = async (): Promise<[MoneyStore, MoneyStore, string]> => {
    const where = backend.fresh();
    const a = await backend.open(where, now);
    const b = await backend.open(where, now);
    open.push(a, b);
    return [a, b, where];
  };
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    clock = Date.parse('2026-03-10T12:00:00.000Z');
  });

  const record = (id: string, extra: Partial<NewLedgerRecord> = {}): NewLedgerRecord => ({
    id,
    time: new Date(clock).toISOString(),
    tool: 'samsar_text_to_video',
    provider: 'samsar',
    args_hash: 'hash-a',
    billing: 'credits',
    quoted: 100,
    confirmed_by: 'token',
    ...extra,
  });
  const oks = (results: ClaimResult[]) => results.filter((r) => r.ok).length;

  it('claims an id exactly once however many callers race on two instances, and records it pending', async () => {
    const [a, b] = await twoInstances();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(record('once'))),
    );
    expect(oks(results)).toBe(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, reason: 'claimed' });
    expect(await b.get('once')).toMatchObject({
      id: 'once',
      outcome: 'pending',
      principal: 'local',
      quoted: 100,
    });
  });

  it('releases a claim only when the outcome proves nothing was accepted (rejected, not_sent)', async () => {
    const [a, b] = await twoInstances();
    expect((await a.claim(record('r'))).ok).toBe(true);
    expect(await a.finish('r', { outcome: 'rejected', error: '400 bad model' })).toMatchObject({
      outcome: 'rejected',
      error: '400 bad model',
    });
    expect((await b.claim(record('r'))).ok).toBe(true);
    await b.finish('r', { outcome: 'not_sent' });
    expect((await a.claim(record('r'))).ok).toBe(true);
    const result = { content: [{ type: 'text' as const, text: 'done' }] };
    await a.finish('r', { outcome: 'sent', charged: 90, remaining: 910, request_id: 'job-1', result });
    const again = await b.claim(record('r'));
    expect(again).toMatchObject({ ok: false, reason: 'claimed', existing: { outcome: 'sent', charged: 90 } });
    expect(await b.get('r')).toMatchObject({ outcome: 'sent', charged: 90, remaining: 910, result });

    expect((await a.claim(record('u'))).ok).toBe(true);
    await a.finish('u', { outcome: 'unknown', error: 'time-out' });
    expect(await b.claim(record('u'))).toMatchObject({
      ok: false,
      reason: 'claimed',
      existing: { outcome: 'unknown' },
    });
  });

  it('reserves the daily budget atomically: 20 racing claims of 100 against 1000 on two instances, exactly 10 pass', async () => {
    const [a, b] = await twoInstances();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(record(`c${i}`), { daily: 1000 })),
    );
    expect(oks(results)).toBe(10);
    const refused = results.filter((r) => !r.ok);
    for (const r of refused) {
      expect(r).toMatchObject({ reason: 'over_daily_budget', day: '2026-03-10', limit: 1000 });
    }
    expect(await a.dailySpend('2026-03-10', 'local')).toEqual({
      day: '2026-03-10',
      total: 1000,
      principal: 1000,
    });

    // A claim later refused by the provider stops counting; one charged above its quote counts the charge.
    const passed = results.flatMap((r) => (r.ok ? [r.record.id] : []));
    await a.finish(passed[0]!, { outcome: 'rejected' });
    expect((await b.claim(record('after-release'), { daily: 1000 })).ok).toBe(true);
    await b.finish(passed[1]!, { outcome: 'sent', charged: 150 });
    expect((await a.dailySpend('2026-03-10', 'local')).total).toBe(1050);
    expect(await a.claim(record('over'), { daily: 1000 })).toMatchObject({ ok: false, spent: 1050 });

    // Other days, and claims that spend no credits, are not held back.
    expect((await a.claim(record('quota', { billing: 'quota', quoted: 1 }), { daily: 1000 })).ok).toBe(true);
    clock += 86_400_000;
    expect((await a.claim(record('tomorrow'), { daily: 1000 })).ok).toBe(true);
  });

  it("reserves each principal's daily budget apart, within the total", async () => {
    const [a, b] = await twoInstances();
    const limits = { daily: 500, dailyPerPrincipal: 300 };
    const alice = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        (i % 2 ? a : b).claim(record(`alice${i}`, { principal: 'alice' }), limits),
      ),
    );
    expect(oks(alice)).toBe(3);
    expect(alice.find((r) => !r.ok)).toMatchObject({
      reason: 'over_principal_budget',
      spent: 300,
      limit: 300,
    });
    const bob = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        (i % 2 ? a : b).claim(record(`bob${i}`, { principal: 'bob' }), limits),
      ),
    );
    expect(oks(bob)).toBe(2);
    expect(bob.find((r) => !r.ok)).toMatchObject({ reason: 'over_daily_budget', spent: 500, limit: 500 });
    expect(await a.dailySpend('2026-03-10', 'alice')).toMatchObject({ total: 500, principal: 300 });
    const passed = alice.find((r) => r.ok);
    expect(passed?.ok && (await b.get(passed.record.id))?.principal).toBe('alice');
  });

  it('answers a replay as claimed before it looks at the budget', async () => {
    const [a] = await twoInstances();
    expect((await a.claim(record('full'), { daily: 100 })).ok).toBe(true);
    expect(await a.claim(record('full'), { daily: 100 })).toMatchObject({ ok: false, reason: 'claimed' });
  });

  it('lists a window (optionally for one principal) and finds unsettled identical submissions', async () => {
    const [a, b] = await twoInstances();
    const at = (minutes: number) =>
      new Date(Date.parse('2026-03-10T12:00:00.000Z') + minutes * 60_000).toISOString();
    await a.claim(record('t0', { time: at(0) }));
    await a.claim(record('t1', { time: at(10), principal: 'alice' }));
    await a.claim(record('t2', { time: at(20) }));
    await a.claim(record('t3', { time: at(30), args_hash: 'hash-b' }));
    await a.claim(record('t4', { time: at(40), tool: 'samsar_image_to_video' }));
    await a.finish('t0', { outcome: 'unknown' });
    await a.finish('t2', { outcome: 'sent' });

    const ids = (rs: LedgerRecord[]) => rs.map((r) => r.id);
    expect(ids(await b.list({ since: at(10) }))).toEqual(['t1', 't2', 't3', 't4']);
    expect(ids(await b.list({ since: at(0), until: at(30) }))).toEqual(['t0', 't1', 't2']);
    expect(ids(await b.list({ since: at(0), principal: 'alice' }))).toEqual(['t1']);

    const twins = { tool: 'samsar_text_to_video', argsHash: 'hash-a', since: at(0) };
    expect(ids(await b.twins(twins))).toEqual(['t1', 't0']);
    expect(ids(await b.twins({ ...twins, since: at(5) }))).toEqual(['t1']);
    expect(ids(await b.twins({ ...twins, outcomes: ['sent'] }))).toEqual(['t2']);
    expect(ids(await b.twins({ ...twins, principal: 'local' }))).toEqual(['t0']);
  });

  it('binds an idempotency key to its first submission: same args answer with it, other args are refused', async () => {
    const [a, b] = await twoInstances();
    const use = (store: MoneyStore, argsHash: string, ledgerId: string, principal = 'alice') =>
      store.useIdempotencyKey({
        principal,
        key: 'order-42',
        tool: 'samsar_text_to_video',
        argsHash,
        ledgerId,
        time: new Date(clock).toISOString(),
      });
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => use(i % 2 ? a : b, 'hash-a', `L${i}`)),
    );
    const first = racing.findIndex((r) => r.status === 'new');
    expect(racing.filter((r) => r.status === 'new')).toHaveLength(1);
    for (const r of racing.filter((x) => x.status !== 'new')) {
      expect(r).toEqual({ status: 'same', ledgerId: `L${first}`, time: '2026-03-10T12:00:00.000Z' });
    }
    expect(await use(b, 'hash-b', 'L99')).toEqual({
      status: 'conflict',
      tool: 'samsar_text_to_video',
      argsHash: 'hash-a',
      time: '2026-03-10T12:00:00.000Z',
    });
    expect(await use(a, 'hash-b', 'L100', 'bob')).toEqual({ status: 'new' });
    // Looking a key up binds nothing.
    expect(await b.idempotencyKey('alice', 'order-42')).toEqual({
      tool: 'samsar_text_to_video',
      argsHash: 'hash-a',
      ledgerId: `L${first}`,
      time: '2026-03-10T12:00:00.000Z',
    });
    expect(await a.idempotencyKey('carol', 'order-42')).toBeUndefined();
    expect(await use(a, 'hash-a', 'L200', 'carol')).toEqual({ status: 'new' });
  });

  it('creates one signing key that every instance reads, and keeps it', async () => {
    const [a, b, where] = await twoInstances();
    const [ka, kb] = await Promise.all([a.signingKey(), b.signingKey()]);
    expect(ka.length).toBe(32);
    expect(kb.equals(ka)).toBe(true);
    const later = await backend.open(where, now);
    open.push(later);
    expect((await later.signingKey()).equals(ka)).toBe(true);
    const elsewhere = await backend.open(backend.fresh(), now);
    open.push(elsewhere);
    expect((await elsewhere.signingKey()).equals(ka)).toBe(false);
  });

  it('keeps values until they expire, and accepts a key once while its mark lives', async () => {
    const [a, b] = await twoInstances();
    await a.putValue('webhook-secret', 'job-1', 's3cr3t', 60_000);
    await a.putValue('webhook-secret', 'job-2', 'forever');
    expect(await b.getValue('webhook-secret', 'job-1')).toBe('s3cr3t');
    expect(await b.getValue('other-namespace', 'job-1')).toBeUndefined();
    await b.putValue('webhook-secret', 'job-1', 'replaced', 60_000);
    expect(await a.getValue('webhook-secret', 'job-1')).toBe('replaced');
    clock += 60_001;
    expect(await a.getValue('webhook-secret', 'job-1')).toBeUndefined();
    expect(await a.getValue('webhook-secret', 'job-2')).toBe('forever');
    await b.deleteValue('webhook-secret', 'job-2');
    expect(await a.getValue('webhook-secret', 'job-2')).toBeUndefined();

    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).acceptOnce('nonce', 'n1', 1000)),
    );
    expect(racing.filter(Boolean)).toHaveLength(1);
    clock += 999;
    expect(await a.acceptOnce('nonce', 'n1', 1000)).toBe(false);
    clock += 2;
    expect(await b.acceptOnce('nonce', 'n1', 1000)).toBe(true);
    expect(await a.acceptOnce('nonce', 'n2', 1000)).toBe(true);
  });

  it('survives a restart: a new instance over the same state sees claims, outcomes, keys and values', async () => {
    const where = backend.fresh();
    const first = await backend.open(where, now);
    await first.claim(record('kept'), { daily: 1000 });
    await first.finish('kept', { outcome: 'sent', charged: 120 });
    await first.claim(record('still-pending'));
    await first.useIdempotencyKey({
      principal: 'local',
      key: 'k',
      tool: 'samsar_text_to_video',
      argsHash: 'hash-a',
      ledgerId: 'kept',
      time: new Date(clock).toISOString(),
    });
    await first.putValue('ns', 'k', 'v', 60_000);
    expect(await first.acceptOnce('nonce', 'x', 60_000)).toBe(true);
    await first.close();

    const second = await backend.open(where, now);
    open.push(second);
    expect(await second.get('kept')).toMatchObject({ outcome: 'sent', charged: 120 });
    expect(await second.claim(record('kept'))).toMatchObject({ ok: false, reason: 'claimed' });
    expect(await second.claim(record('still-pending'))).toMatchObject({ ok: false, reason: 'claimed' });
    expect((await second.dailySpend('2026-03-10', 'local')).total).toBe(220);
    expect(
      await second.useIdempotencyKey({
        principal: 'local',
        key: 'k',
        tool: 'samsar_text_to_video',
        argsHash: 'hash-a',
        ledgerId: 'other',
        time: new Date(clock).toISOString(),
      }),
    ).toMatchObject({ status: 'same', ledgerId: 'kept' });
    expect(await second.getValue('ns', 'k')).toBe('v');
    expect(await second.acceptOnce('nonce', 'x', 60_000)).toBe(false);
  });

  it('imports records it does not hold, keeps those it does, and imports nothing the second time', async () => {
    const [a, b] = await twoInstances();
    await a.claim(record('mine'));
    const base = { ...record('x'), principal: 'local', outcome: 'sent' as const };
    const records: LedgerRecord[] = [
      { ...base, id: 'old-sent', charged: 80 },
      { ...base, id: 'old-unknown', outcome: 'unknown', error: 'time-out' },
      { ...base, id: 'mine', outcome: 'rejected' },
    ];
    expect(await b.importRecords(records)).toEqual({ imported: 2, present: 1 });
    expect(await a.importRecords(records)).toEqual({ imported: 0, present: 3 });
    expect(await a.get('old-sent')).toMatchObject({ outcome: 'sent', charged: 80 });
    expect(await a.get('old-unknown')).toMatchObject({ outcome: 'unknown', error: 'time-out' });
    expect(await a.get('mine')).toMatchObject({ outcome: 'pending' });
    expect(await b.claim(record('old-unknown'))).toMatchObject({ ok: false, reason: 'claimed' });
    expect((await a.dailySpend('2026-03-10', 'local')).total).toBe(280);
  });
});

describe('file store across processes on one machine', () => {
  it('three processes racing share one daily budget and one claim of a shared id', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'videogen-store-procs-'));
    const script = fileURLToPath(new URL('../helpers/file-store-race.ts', import.meta.url));
    const names = ['p1', 'p2', 'p3'];
    const children = names.map((name) =>
      execFileAsync(process.execPath, ['--import', 'tsx', script, dir, name, '8', '1000'], {
        timeout: 60_000,
      }),
    );
    while (!names.every((n) => existsSync(path.join(dir, `ready-${n}`))))
      await new Promise((r) => setTimeout(r, 10));
    writeFileSync(path.join(dir, 'go'), '');
    const won = (await Promise.all(children)).flatMap((c) => JSON.parse(c.stdout) as string[]);
    expect(won.filter((id) => id !== 'shared')).toHaveLength(10);
    expect(won.filter((id) => id === 'shared')).toHaveLength(1);
    const store = new FileMoneyStore({ dataDir: dir });
    expect((await store.dailySpend(new Date().toISOString().slice(0, 10), 'local')).total).toBe(1000);
  });
});
