/**
 * The bundles carry code from npm packages with their license comments stripped (esbuild
 * legalComments: none), and the published package installs none of them: this file gathers the
 * license text of every package esbuild put into a bundle (from its metafile), which their licenses
 * (MIT, ISC, BSD) require to ship with copies. Written to dist/THIRD-PARTY-LICENSES.txt.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The package folder an input path lies in (the part up to node_modules/<name> or <@scope/name>). */
function packageDir(input) {
  // A plugin's input is "namespace:path" (a namespace is longer than a Windows drive letter).
  const file = /^[a-z][\w-]+:(.+)$/i.exec(input)?.[1] ?? input;
  const parts = path.resolve(file).split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const nameParts = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + nameParts).join(path.sep);
}

/** Metafiles of esbuild builds -> one text with each bundled package's name, version and license. */
export function thirdPartyLicenses(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const dir = packageDir(input);
      if (dir) dirs.add(dir);
    }
  }
  const sections = [...dirs].map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
    const text =
      file && existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), 'utf8').trim() : '';
    return `${pkg.name}@${pkg.version} (${pkg.license ?? 'see package'})\n\n${text || `License: ${pkg.license}`}`;
  });
  sections.sort();
  return `Third-party software bundled in dist/*.cjs\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}
