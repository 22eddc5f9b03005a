/**
 * Builds the Claude Desktop bundle, dist/videogen-mcp-<version>.mcpb (or the path after --out): the
 * files the npm package publishes (package.json "files", as `npm pack` lists them, so both ship the
 * same build) plus manifest.json with this build's tools listed, packed by the mcpb CLI installed as
 * a devDependency (nothing is downloaded). Needs a build first: `npm run bundle:mcpb` does both.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolManifestFromDist } from './tool-manifest-from-dist.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const pkg = readJson(path.join(root, 'package.json'));
const manifest = readJson(path.join(root, 'manifest.json'));

const fail = (message) => {
  console.error(`build-mcpb: ${message}`);
  process.exit(1);
};
if (manifest.version !== pkg.version) {
  fail(`manifest.json has version ${manifest.version}, package.json ${pkg.version}: make them equal`);
}
if (!existsSync(path.join(root, 'dist', 'server.cjs')))
  fail('dist/server.cjs is missing: run `npm run build` first');

const outFlag = process.argv.indexOf('--out');
const out = path.resolve(
  outFlag > 0 ? process.argv[outFlag + 1] : path.join(root, 'dist', `${pkg.name}-${pkg.version}.mcpb`),
);

/** Runs npm: the one that started this script when there is one (npm run), else npm from PATH. */
function npm(args) {
  const cli = /npm-cli\.js$/.test(process.env.npm_execpath ?? '') ? process.env.npm_execpath : undefined;
  return execFileSync(cli ? process.execPath : 'npm', [...(cli ? [cli] : []), ...args], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32' && !cli,
  });
}

const [packed] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
const stage = mkdtempSync(path.join(os.tmpdir(), 'videogen-mcpb-'));
try {
  for (const { path: file } of packed.files) {
    mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(stage, file));
  }
  // Claude Desktop shows these before the server ever runs; the build's own list cannot drift.
  const tools = (await toolManifestFromDist(root)).map(({ name, description }) => ({ name, description }));
  writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify({ ...manifest, tools }, null, 2)}\n`);

  // A direct devDependency, so npm installs it at the top of node_modules (its exports hide package.json).
  const mcpbDir = path.join(root, 'node_modules', '@anthropic-ai', 'mcpb');
  const { bin } = readJson(path.join(mcpbDir, 'package.json'));
  const cli = path.join(mcpbDir, typeof bin === 'string' ? bin : bin.mcpb);
  mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(process.execPath, [cli, 'pack', stage, out], { stdio: ['ignore', 'inherit', 'inherit'] });
  // What an MCP Registry entry of registryType "mcpb" needs beside the download URL.
  console.log(`sha256: ${createHash('sha256').update(readFileSync(out)).digest('hex')}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
