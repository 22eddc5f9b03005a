/**
 * What the lazy start-up defers: the tools' schemas, the sandbox, undici and the charge guard load
 * with the first call instead. Measured as the first tools/call of a fresh server (after initialize
 * and tools/list) beside the second, and RSS once that first call is answered.
 */
import { requireBin, serverEnv } from './server-env.js';
import { initializeParams, median, rssMb, startSession } from './stdio-session.js';

export interface FirstCallResult {
  firstMs: number;
  secondMs: number;
  rssAfterMb: number;
  sessions: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function measureFirstCall(sessions = 11): Promise<FirstCallResult> {
  const first: number[] = [];
  const second: number[] = [];
  const rss: number[] = [];
  const call = { name: 'samsar_list_models', arguments: {} };
  for (let i = 0; i < sessions; i++) {
    const s = startSession(process.execPath, [requireBin()], serverEnv({ VIDEOGEN_SANDBOX: '1' }));
    try {
      await s.request('initialize', initializeParams());
      s.notify('notifications/initialized');
      await s.request('tools/list', {});
      first.push(await timed(() => s.request('tools/call', call)));
      rss.push(rssMb(s.child.pid!));
      second.push(await timed(() => s.request('tools/call', call)));
    } finally {
      await s.stop();
    }
  }
  return { firstMs: median(first), secondMs: median(second), rssAfterMb: median(rss), sessions };
}
