/**
 * A team deployment in miniature: two server processes (the built bin, `--http`) sharing one
 * PostgreSQL schema, both pointed at ONE sandbox (through a fault-injecting front) with the sandbox's
 * keys as real keys, so every charge is counted at the sandbox; and a round-robin proxy in front of
 * them, as a load balancer without affinity would be.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FaultFront, startFaultFront } from './fault-front.js';
import { TEST_DATABASE_URL } from './postgres.js';
import { type RoundRobin, startRoundRobin } from './round-robin.js';
import { startHttpBin } from './spawn-bin.js';

export type HttpBin = Awaited<ReturnType<typeof startHttpBin>>;

export interface Team {
  front: FaultFront;
  bins: [HttpBin, HttpBin];
  proxy: RoundRobin;
  schema: string;
  close(): Promise<void>;
}

export interface TeamOptions {
  schema: string;
  /** Settings for both instances. */
  env?: Record<string, string>;
  /** The database URL of each instance (default: the test database for both). */
  databaseUrls?: [string, string];
}

/** The settings of one instance of the team. */
export function teamEnv(front: FaultFront, schema: string, databaseUrl: string, env: Record<string, string>) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    VIDEOGEN_SANDBOX: '0',
    SAMSAR_API_KEY: front.sandbox.keys.samsar,
    SAMSAR_BASE_URL: front.upstream.samsarBaseUrl,
    SAMAUTOMATION_API_KEY: front.sandbox.keys.samautomation,
    SAMAUTOMATION_BASE_URL: front.upstream.samautomationBaseUrl,
    VIDEOGEN_DATABASE_URL: databaseUrl,
    VIDEOGEN_DATABASE_SCHEMA: schema,
    VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-team-')),
    VIDEOGEN_LOG_LEVEL: 'warn',
    ...env,
  };
}

export async function startTeam(options: TeamOptions): Promise<Team> {
  const front = await startFaultFront((w) => w.method === 'POST');
  const urls = options.databaseUrls ?? [TEST_DATABASE_URL, TEST_DATABASE_URL];
  const start = (i: 0 | 1) =>
    startHttpBin(['--http', '--port', '0'], teamEnv(front, options.schema, urls[i], options.env ?? {}));
  // One after the other: the first migrates the schema, the second finds it ready.
  const first = await start(0);
  const second = await start(1);
  const bins: [HttpBin, HttpBin] = [first, second];
  const proxy = await startRoundRobin(bins.map((b) => b.url));
  return {
    front,
    bins,
    proxy,
    schema: options.schema,
    close: async () => {
      await proxy.close();
      for (const b of bins) {
        if (b.child.exitCode === null && b.child.signalCode === null) {
          const exited = new Promise((resolve) => b.child.once('exit', resolve));
          b.child.kill('SIGTERM');
          await exited;
        }
      }
      await front.close();
    },
  };
}
