/** Memory: resident set size of the server process once it has answered initialize and tools/list. */
import { BARE, requireBin, serverEnv } from './server-env.js';
import { initializeParams, rssMb, startSession } from './stdio-session.js';

export interface MemoryResult {
  serverMb: number;
  bareMb: number;
  sdkFloorMb?: number;
  tools: number;
}

async function rssAfterToolsList(command: string, args: string[]): Promise<{ mb: number; tools: number }> {
  const s = startSession(command, args, serverEnv({ VIDEOGEN_SANDBOX: '1' }));
  try {
    await s.request('initialize', initializeParams());
    s.notify('notifications/initialized');
    const list = await s.request('tools/list', {});
    const tools = ((list.result?.tools as unknown[]) ?? []).length;
    return { mb: rssMb(s.child.pid!), tools };
  } finally {
    await s.stop();
  }
}

export async function measureMemory(sdkFloor: string | undefined): Promise<MemoryResult> {
  const server = await rssAfterToolsList(process.execPath, [requireBin()]);
  const bare = await rssAfterToolsList(process.execPath, [BARE]);
  const floor = sdkFloor ? await rssAfterToolsList(process.execPath, [sdkFloor]) : undefined;
  return { serverMb: server.mb, bareMb: bare.mb, sdkFloorMb: floor?.mb, tools: server.tools };
}
