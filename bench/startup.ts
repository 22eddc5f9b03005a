/**
 * Start-up: spawn to `initialize` answered, for the server and for a bare node process that answers
 * `initialize` by hand, alternated in the same run so both see the same machine state.
 */
import { BARE, requireBin, serverEnv } from './server-env.js';
import { median, timeStartup } from './stdio-session.js';

export interface StartupResult {
  serverMs: number;
  bareMs: number;
  ratio: number;
  runs: number;
}

export async function measureStartup(extraEnv: Record<string, string>, runs = 21): Promise<StartupResult> {
  const bin = requireBin();
  const env = serverEnv(extraEnv);
  // One discarded run each: the first spawn pays for the disk cache (and writes the code cache).
  await timeStartup(process.execPath, [BARE], env);
  await timeStartup(process.execPath, [bin], env);
  const bare: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await timeStartup(process.execPath, [BARE], env));
    server.push(await timeStartup(process.execPath, [bin], env));
  }
  const serverMs = median(server);
  const bareMs = median(bare);
  return { serverMs, bareMs, ratio: serverMs / bareMs, runs };
}
