/**
 * Builds the SDK floor (bench/sdk-floor-server.ts) the way the real bin is built: one esbuild bundle
 * beside a copy of dist/bin.cjs, so it starts with the same launcher and code cache.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS, LAUNCHER_WRAPPER } from '../scripts/bundle-options.mjs';
import { requireBin, tempDir } from './server-env.js';

/** Path of the floor's launcher, or undefined when esbuild is not installed. */
export async function buildSdkFloor(): Promise<string | undefined> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  const dir = tempDir('videogen-sdk-floor-');
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./sdk-floor-server.ts', import.meta.url))],
    outfile: path.join(dir, 'server.cjs'),
    ...BUNDLE_OPTIONS,
    banner: { js: LAUNCHER_WRAPPER.open },
    footer: { js: LAUNCHER_WRAPPER.close },
  });
  const launcher = path.join(dir, 'bin.cjs');
  copyFileSync(requireBin(), launcher);
  return launcher;
}
