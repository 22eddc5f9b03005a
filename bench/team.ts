/**
 * Running for a team, measured on the built bin with one sandbox (its keys used as real keys) in this
 * process and PostgreSQL (VIDEOGEN_TEST_DATABASE_URL, default the local `test` database; a schema of
 * its own per run, dropped after):
 * - one instance vs two on one schema, behind the same round-robin proxy: 20 real 2026-era clients
 *   make paid calls (auto-approved, each with its own idempotency key, so every call claims in the
 *   store and reaches the sandbox); calls/s and p99 latency, and their ratios;
 * - what a paid call's claim costs on PostgreSQL against the file store: one client, paid calls one
 *   after another, median latency on each store.
 * Both are ratios of one run on one machine, never a timed assertion.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import pg from 'pg';
import { type SandboxHandle, startSandbox } from '../src/sandbox/index.js';
import { startRoundRobin } from '../test/helpers/round-robin.js';
import { listeningUrl, requireBin, serverEnv } from './server-env.js';
import { median } from './stdio-session.js';

const DATABASE_URL = process.env.VIDEOGEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEAM_BENCH = { clients: 20, callsPerClient: 10, sequentialCalls: 60 };

export interface Throughput {
  callsPerSec: number;
  p99Ms: number;
  calls: number;
  failures: number;
}

export interface TeamBenchResult {
  one?: Throughput;
  two?: Throughput;
  fileMs?: number;
  postgresMs?: number;
  /** Why the PostgreSQL figures are missing. */
  problem?: string;
}

const render = (n: string) => ({
  prompt: `bench ${n}`,
  image_model: 'GPTIMAGE2',
  video_model: 'RUNWAYML',
  duration: 5,
  idempotency_key: `bench-${n}`,
});

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return undefined;
  } catch (err) {
    return (err as Error).message || 'unreachable';
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

async function startServer(sandbox: SandboxHandle, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [requireBin(), '--http', '--port', '0'], {
    env: serverEnv({
      VIDEOGEN_SANDBOX: '0',
      SAMSAR_API_KEY: sandbox.keys.samsar,
      SAMSAR_BASE_URL: sandbox.samsarBaseUrl,
      SAMAUTOMATION_API_KEY: sandbox.keys.samautomation,
      SAMAUTOMATION_BASE_URL: sandbox.samautomationBaseUrl,
      VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
      ...env,
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await listeningUrl(child);
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, stop };
}

async function connect(url: string): Promise<Client> {
  const c = new Client({ name: 'bench-team', version: '1.0.0' }, {
    versionNegotiation: { mode: { pin: '2026-07-28' } },
  } as never);
  await c.connect(new StreamableHTTPClientTransport(new URL(url)) as never);
  return c;
}

async function paid(c: Client, n: string): Promise<boolean> {
  const r = (await c.callTool({ name: 'samsar_text_to_video', arguments: render(n) })) as {
    isError?: boolean;
  };
  return !r.isError;
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** 20 clients through a round-robin proxy over `urls`, each making its calls one after another. */
async function throughput(urls: string[], run: string): Promise<Throughput> {
  const proxy = await startRoundRobin(urls);
  const clients = await Promise.all(Array.from({ length: TEAM_BENCH.clients }, () => connect(proxy.url)));
  try {
    // Warm every instance: its guard, pools and price cache load with the first paid call.
    await Promise.all(clients.map((c, i) => paid(c, `${run}-warm-${i}`)));
    const latencies: number[] = [];
    let failures = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      clients.map(async (c, i) => {
        for (let k = 0; k < TEAM_BENCH.callsPerClient; k++) {
          const t = process.hrtime.bigint();
          if (!(await paid(c, `${run}-${i}-${k}`))) failures++;
          latencies.push(ms(t));
        }
      }),
    );
    const wall = ms(t0);
    latencies.sort((a, b) => a - b);
    return {
      callsPerSec: (latencies.length / wall) * 1000,
      p99Ms: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]!,
      calls: latencies.length,
      failures,
    };
  } finally {
    for (const c of clients) await c.close().catch(() => undefined);
    await proxy.close();
  }
}

/** Median time of a paid call, one after another, on one instance. */
async function sequentialPaid(url: string, run: string): Promise<number> {
  const c = await connect(url);
  try {
    for (let i = 0; i < 10; i++) await paid(c, `${run}-warm-${i}`);
    const times: number[] = [];
    for (let i = 0; i < TEAM_BENCH.sequentialCalls; i++) {
      const t = process.hrtime.bigint();
      if (!(await paid(c, `${run}-${i}`))) throw new Error('a paid call failed in the bench');
      times.push(ms(t));
    }
    return median(times);
  } finally {
    await c.close();
  }
}

export async function measureTeam(): Promise<TeamBenchResult> {
  const missing = await reachable();
  if (missing) return { problem: `PostgreSQL is not reachable at ${DATABASE_URL} (${missing})` };
  const schemas: string[] = [];
  const fresh = () => {
    const s = `vgbench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    schemas.push(s);
    return s;
  };
  // Each phase has a sandbox of its own, so no account runs out of credits.
  const withSandbox = async <T>(fn: (s: SandboxHandle) => Promise<T>): Promise<T> => {
    const sandbox = await startSandbox();
    try {
      return await fn(sandbox);
    } finally {
      await sandbox.close();
    }
  };
  try {
    const one = await withSandbox(async (sandbox) => {
      const db = { VIDEOGEN_DATABASE_URL: DATABASE_URL, VIDEOGEN_DATABASE_SCHEMA: fresh() };
      const a = await startServer(sandbox, db);
      try {
        return await throughput([a.url], 'one');
      } finally {
        await a.stop();
      }
    });
    const two = await withSandbox(async (sandbox) => {
      const db = { VIDEOGEN_DATABASE_URL: DATABASE_URL, VIDEOGEN_DATABASE_SCHEMA: fresh() };
      const a = await startServer(sandbox, db);
      const b = await startServer(sandbox, db);
      try {
        return await throughput([a.url, b.url], 'two');
      } finally {
        await a.stop();
        await b.stop();
      }
    });
    const [fileMs, postgresMs] = await withSandbox(async (sandbox) => {
      const onFiles = await startServer(sandbox, {});
      const onPostgres = await startServer(sandbox, {
        VIDEOGEN_DATABASE_URL: DATABASE_URL,
        VIDEOGEN_DATABASE_SCHEMA: fresh(),
      });
      try {
        // Alternating, so both meet the same machine load.
        const file: number[] = [];
        const postgres: number[] = [];
        for (let round = 0; round < 3; round++) {
          file.push(await sequentialPaid(onFiles.url, `file-${round}`));
          postgres.push(await sequentialPaid(onPostgres.url, `pg-${round}`));
        }
        return [median(file), median(postgres)];
      } finally {
        await onFiles.stop();
        await onPostgres.stop();
      }
    });
    return { one, two, fileMs, postgresMs };
  } finally {
    for (const s of schemas) await dropSchema(s).catch(() => undefined);
  }
}

/** The two table rows. */
export function teamRows(r: TeamBenchResult): Array<[string, string, string]> {
  const scaling =
    'One vs two instances on one PostgreSQL (20 clients, paid calls with idempotency keys, round-robin proxy)';
  const claim = "A paid call's claim on PostgreSQL vs the file store (one client, median of paid calls)";
  if (r.problem || !r.one || !r.two || r.fileMs === undefined || r.postgresMs === undefined) {
    return [
      [scaling, `n/a: ${r.problem}`, 'reference'],
      [claim, `n/a: ${r.problem}`, 'reference'],
    ];
  }
  const { one, two } = r;
  const failures = one.failures + two.failures;
  return [
    [
      scaling,
      `two: ${two.callsPerSec.toFixed(0)} calls/s, p99 ${two.p99Ms.toFixed(0)} ms; one: ${one.callsPerSec.toFixed(0)} calls/s, p99 ${one.p99Ms.toFixed(0)} ms = ${(two.callsPerSec / one.callsPerSec).toFixed(2)}x the calls/s, ${(two.p99Ms / one.p99Ms).toFixed(2)}x the p99 (${one.calls + two.calls} calls${failures ? `, ${failures} failed` : ''})`,
      'reference',
    ],
    [
      claim,
      `${r.postgresMs.toFixed(1)} ms vs ${r.fileMs.toFixed(1)} ms = ${(r.postgresMs / r.fileMs).toFixed(2)}x (${(r.postgresMs - r.fileMs).toFixed(1)} ms more per paid call)`,
      'reference',
    ],
  ];
}
