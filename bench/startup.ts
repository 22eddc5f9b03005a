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
  /**
   * Fastest server run over fastest bare run. Noise here only ever adds time, and adds it to the
   * short bare runs out of proportion, so the median ratio swings both ways on a busy machine;
   * the fastest runs barely move. The target counts as met only when both are within it.
   */
  bestRatio: number;
  /** The SDK floor's ratio the same two ways. */
  sdkFloorRatio?: number;
  sdkFloorBestRatio?: number;
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
  const bestBare = Math.min(...times.bare!);
  return {
    serverMs,
    bareMs,
    sdkFloorMs: times.sdkFloor && median(times.sdkFloor),
    unbundledMs: median(times.unbundled!),
    ratio: serverMs / bareMs,
    bestRatio: Math.min(...times.server!) / bestBare,
    sdkFloorRatio: times.sdkFloor && median(times.sdkFloor) / bareMs,
    sdkFloorBestRatio: times.sdkFloor && Math.min(...times.sdkFloor) / bestBare,
    runs,
  };
}
