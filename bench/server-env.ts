/** Where the benchmarks find the built bin, the environment they start it with, and where it listens. */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));
export const BARE = fileURLToPath(new URL('./bare-server.cjs', import.meta.url));
/** tsc's output run directly, without the bundle and code cache (for comparison). */
export const UNBUNDLED = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export function requireBin(): string {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: run \`npm run build\` first (npm run bench does)`);
  return BIN;
}

/** Throwaway folders the benchmarks made (data dirs, the SDK floor build), removed at the end. */
const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A clean environment: no keys from the shell leak in, and state goes to a throwaway folder. */
export function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    VIDEOGEN_DATA_DIR: tempDir('videogen-bench-'),
    VIDEOGEN_LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Keys mode without a network: nothing is called before the first tool call. */
export const KEYS_ENV = {
  SAMSAR_API_KEY: 'bench-key',
  SAMAUTOMATION_API_KEY: 'bench-key',
  SAMSAR_BASE_URL: 'http://127.0.0.1:9/samsar/v1',
  SAMAUTOMATION_BASE_URL: 'http://127.0.0.1:9/samautomation',
};

/** The URL a server started with `--http` (stderr piped) says it listens on. */
export function listeningUrl(child: ChildProcess): Promise<string> {
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  return new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c: string) => {
      stderr += c;
      const m = /listening on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`server exited: ${stderr}`)));
  });
}
