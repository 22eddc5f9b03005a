/**
 * The package as users get it: `npm pack` of this build into a temporary folder, installed the ways
 * users install MCP servers (into an empty folder, globally, or by npx). npm runs with the caller's
 * cache and registry settings (installs come from the local cache when they can) but never with the
 * other npm_* variables an `npm test` run exports: npm_config_local_prefix and npm_config_prefix
 * would point it at this repository and at the machine's real global folder.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PackageJson {
  name: string;
  version: string;
  mcpName?: string;
  bin: Record<string, string>;
  files: string[];
  engines: { node: string };
  repository?: { url: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** npm settings of the caller worth keeping: where the cache and the registry are, how to reach them. */
const KEEP_NPM =
  /^npm_config_(cache|registry|userconfig|globalconfig|cafile|strict_ssl|proxy|https_proxy|noproxy)$/i;
/** The caller's own server settings: a test decides those itself. */
const SERVER_VARS = /^(VIDEOGEN_|SAMSAR_|SAMAUTOMATION_)/;

/** The caller's environment without npm_* run state and server settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || SERVER_VARS.test(key)) continue;
    if (/^npm_/i.test(key) && !KEEP_NPM.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs npm to completion; rejects with its output when it fails. */
export function runNpm(args: string[], cwd: string, env = cleanEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`npm ${args.join(' ')} exited ${code}\n${stderr}${stdout}`));
    });
  });
}

export interface Packed {
  tarball: string;
  /** Paths inside the package, as npm lists them. */
  files: string[];
}

/** `npm pack` of this checkout (as built: scripts are not run) into a new temporary folder. */
export async function packTarball(): Promise<Packed> {
  const dest = mkdtempSync(path.join(os.tmpdir(), 'videogen-pack-'));
  const out = await runNpm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], ROOT);
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: path.join(dest, path.basename(info!.filename)), files: info!.files.map((f) => f.path) };
}

export const INSTALL_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline'];

/**
 * `npm install <tarball>` into `dir` (--prefix pins the folder: without a package.json npm would
 * otherwise settle on the first parent folder that has one), or globally into the prefix `dir`.
 */
export async function installTarball(tarball: string, dir: string, global = false): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await runNpm(['install', ...INSTALL_FLAGS, ...(global ? ['--global'] : []), '--prefix', dir, tarball], dir);
}
