/** Runs the built bin (dist/bin.cjs) as a user would, capturing stdout, stderr and the exit code. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export const BIN = fileURLToPath(new URL('../../dist/bin.cjs', import.meta.url));

export function requireBuiltBin(): string {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
  return BIN;
}

export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin to completion (stdin closed at once). */
export function runBin(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
  bin = requireBuiltBin(),
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

/** Starts the bin as an HTTP server (args include --http) and resolves once it logs where it listens. */
export async function startHttpBin(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [requireBuiltBin(), ...args], { env });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${stderr}`)), 15_000);
    child.stderr.on('data', () => {
      const m = /listening on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', () => reject(new Error(`exited early; stderr: ${stderr}`)));
  });
  return { child: child as ChildProcessWithoutNullStreams, url, stderr: () => stderr };
}

export interface SandboxBinOptions {
  args?: string[];
  env?: Record<string, string>;
  bin?: string;
}

/** How to start the built bin in sandbox mode on a throwaway data directory (for either SDK's stdio transport). */
export function sandboxBinParams(options: SandboxBinOptions = {}) {
  return {
    command: process.execPath,
    args: [options.bin ?? requireBuiltBin(), ...(options.args ?? [])],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      VIDEOGEN_SANDBOX: '1',
      VIDEOGEN_LOG_LEVEL: 'warn',
      VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-bin-data-')),
      ...options.env,
    },
  };
}

/** A stdio client transport that starts the built bin in sandbox mode on a throwaway data directory. */
export function sandboxBinTransport(options: SandboxBinOptions = {}): StdioClientTransport {
  return new StdioClientTransport(sandboxBinParams(options));
}
