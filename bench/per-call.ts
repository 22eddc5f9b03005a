/**
 * Per-call overhead: `samsar_list_models` through the built bin over stdio against a sandbox, beside
 * the same HTTP request (GET /video/supported_models) sent directly to that sandbox.
 */
import { startSandbox } from '../src/sandbox/index.js';
import { requireBin, serverEnv } from './server-env.js';
import { initializeParams, median, startSession } from './stdio-session.js';

export interface PerCallResult {
  toolMs: number;
  directMs: number;
  overheadMs: number;
  calls: number;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function measurePerCall(calls = 200): Promise<PerCallResult> {
  const sandbox = await startSandbox();
  const session = startSession(
    process.execPath,
    [requireBin()],
    serverEnv({
      SAMSAR_API_KEY: sandbox.keys.samsar,
      SAMSAR_BASE_URL: sandbox.samsarBaseUrl,
      SAMAUTOMATION_API_KEY: sandbox.keys.samautomation,
      SAMAUTOMATION_BASE_URL: sandbox.samautomationBaseUrl,
    }),
  );
  try {
    await session.request('initialize', initializeParams());
    session.notify('notifications/initialized');
    const viaTool = async () => {
      const r = await session.request('tools/call', { name: 'samsar_list_models', arguments: {} });
      if (r.error || r.result?.isError) throw new Error(`tool call failed: ${JSON.stringify(r)}`);
    };
    const url = `${sandbox.samsarBaseUrl}/video/supported_models`;
    const direct = async () => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`direct request failed: ${res.status}`);
      await res.json();
    };
    // Warm both paths (connection pools, lazily loaded modules, JIT) before measuring.
    for (let i = 0; i < 20; i++) {
      await viaTool();
      await direct();
    }
    const tool: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < calls; i++) {
      tool.push(await timed(viaTool));
      plain.push(await timed(direct));
    }
    const toolMs = median(tool);
    const directMs = median(plain);
    return { toolMs, directMs, overheadMs: toolMs - directMs, calls };
  } finally {
    await session.stop();
    await sandbox.close();
  }
}
