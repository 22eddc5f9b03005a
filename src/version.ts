/**
 * The package version, so --version and serverInfo agree: built into the bundle by
 * scripts/bundle.mjs, read once from package.json when running unbundled.
 */
import { readFileSync } from 'node:fs';

declare const __VIDEOGEN_VERSION__: string | undefined;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export const VERSION: string =
  typeof __VIDEOGEN_VERSION__ === 'string' ? __VIDEOGEN_VERSION__ : packageVersion();
