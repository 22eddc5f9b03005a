/**
 * HTTP soak: many free tool calls against the built server over Streamable HTTP (sandbox mode), from
 * real MCP clients of both eras, and the server's memory at the half-way mark and at the end, each
 * after a garbage collection in the server (bench/memory-probe.cjs). What the server keeps per
 * session or per call shows as the end figure outgrowing the half-way one; heap that settles does
 * not. Each client makes CALLS_PER_CLIENT calls and leaves: a 2025 client ends its session with
 * DELETE, as a well-behaved client does (abandoned sessions are the session cap's business, kept
 * in bounds by eviction; here they would only measure how many happen to be open).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { listeningUrl, requireBin, serverEnv } from './server-env.js';

const PROBE = fileURLToPath(new URL('./memory-probe.cjs', import.meta.url));
/** Free tools that answer from the sandbox (no state kept per call on the sandbox side). */
const TOOLS = ['samsar_list_models', 'samautomation_queue_status'];

export interface SoakOptions {
  calls: number;
  concurrency: number;
  callsPerClient: number;
  /** Points at which to measure, as fractions of the calls; must include 0.5 and 1. */
  marks: number[];
  /** Extra environment for the server (e.g. to try allocator settings). */
  env?: Record<string, string>;
}

export interface MemorySample {
  calls: number;
  rssMb: number;
  heapUsedMb: number;
  /** What V8 holds for its heap, used or not: RSS counts it even when heapUsed is small. */
  heapTotalMb: number;
  externalMb: number;
}

export interface SoakResult {
  calls: number;
  clients: number;
  samples: MemorySample[];
  half: MemorySample;
  end: MemorySample;
  /** RSS at the end over RSS at the half-way mark (both after a GC). */
  ratio: number;
  failures: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function startServer(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--require', PROBE, requireBin(), '--http', '--port', '0'],
    {
      env: serverEnv({ VIDEOGEN_SANDBOX: '1', ...env }),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  const url = await listeningUrl(child);
  return { child, url };
}

async function measure(child: ChildProcess, calls: number): Promise<MemorySample> {
  const answer = once(child, 'message') as Promise<[NodeJS.MemoryUsage]>;
  child.send('measure');
  const [usage] = await answer;
  return {
    calls,
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
  };
}

/** One client: connects in its era, makes `calls` calls, leaves (a 2025 one with DELETE). */
async function runClient(url: string, era: '2025' | '2026', calls: number): Promise<number> {
  const client = new Client({ name: `soak-${era}`, version: '1.0.0' }, {
    versionNegotiation: { mode: era === '2026' ? { pin: '2026-07-28' } : 'legacy' },
  } as never);
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport as never);
  let failures = 0;
  try {
    for (let i = 0; i < calls; i++) {
      const r = await client.callTool({ name: TOOLS[i % TOOLS.length]!, arguments: {} });
      if (r.isError) failures++;
    }
  } finally {
    if (era === '2025') await transport.terminateSession().catch(() => {});
    await client.close();
  }
  return failures;
}

export async function measureHttpSoak(options: SoakOptions): Promise<SoakResult> {
  const { child, url } = await startServer(options.env);
  const clients = Math.ceil(options.calls / options.callsPerClient);
  const samples: MemorySample[] = [];
  let failures = 0;
  let next = 0;
  try {
    for (const mark of options.marks) {
      // Clients up to this mark, `concurrency` at a time; every one has left before measuring.
      const until = Math.round(clients * mark);
      const worker = async () => {
        while (next < until) {
          const n = next++;
          failures += await runClient(url, n % 2 === 0 ? '2025' : '2026', options.callsPerClient);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      samples.push(await measure(child, until * options.callsPerClient));
    }
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  const at = (fraction: number) => samples[options.marks.indexOf(fraction)]!;
  const half = at(0.5);
  const end = at(1);
  return {
    calls: clients * options.callsPerClient,
    clients,
    samples,
    half,
    end,
    ratio: end.rssMb / half.rssMb,
    failures,
  };
}

/** What `npm run bench` runs: 10,000 calls from 200 clients, 10 at a time. */
export const HTTP_SOAK: SoakOptions = {
  calls: 10_000,
  concurrency: 10,
  callsPerClient: 50,
  marks: [0, 0.5, 1],
};

/** The bench table's row for a soak run. */
export function soakRow(
  soak: SoakResult,
  targetRatio: number,
  mark: (ok: boolean) => string,
  concurrency = HTTP_SOAK.concurrency,
): [string, string, string] {
  const failed = soak.failures ? `; ${soak.failures} calls failed` : '';
  return [
    `HTTP soak: ${soak.calls} free calls from ${soak.clients} clients (half 2025 sessions, half 2026 stateless), ${concurrency} at a time; server RSS after a GC`,
    `${soak.half.rssMb.toFixed(1)} MB at half-way, ${soak.end.rssMb.toFixed(1)} MB at the end = ${soak.ratio.toFixed(2)}x (${soak.samples[0]!.rssMb.toFixed(1)} MB before any call; heap used ${soak.half.heapUsedMb.toFixed(1)} then ${soak.end.heapUsedMb.toFixed(1)} MB)${failed}`,
    `end <= ${targetRatio}x half-way: ${mark(soak.ratio <= targetRatio && soak.failures === 0)}`,
  ];
}
