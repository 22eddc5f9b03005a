/**
 * Start-up: spawn to `initialize` answered, for the server, for a bare node process that answers
 * `initialize` by hand, for the SDK floor (the smallest server on the same SDK, same launcher) and
 * for our modules loaded unbundled, alternated in the same run so all see the same machine state.
 */
import { BARE, requireBin, serverEnv, UNBUNDLED } from './server-env.js';
import { median, timeStartup } from './stdio-session.js';

export interface StartupResult {
  serverMs: number;
  bareMs: number;
  sdkFloorMs?: number;
  unbundledMs: number;
  ratio: number;
  runs: number;
}

export async function measureStartup(
  extraEnv: Record<string, string>,
  sdkFloor: string | undefined,
  runs = 21,
): Promise<StartupResult> {
  const env = serverEnv(extraEnv);
  const commands = {
    bare: [BARE],
    server: [requireBin()],
    unbundled: [UNBUNDLED],
    ...(sdkFloor ? { sdkFloor: [sdkFloor] } : {}),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  // One discarded run each: the first spawn pays for the disk cache (and may write a code cache).
  for (const args of Object.values(commands)) await timeStartup(process.execPath, args, env);
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(commands)) {
      times[name]!.push(await timeStartup(process.execPath, args, env));
    }
  }
  const serverMs = median(times.server!);
  const bareMs = median(times.bare!);
  return {
    serverMs,
    bareMs,
    sdkFloorMs: times.sdkFloor && median(times.sdkFloor),
    unbundledMs: median(times.unbundled!),
    ratio: serverMs / bareMs,
    runs,
  };
}
