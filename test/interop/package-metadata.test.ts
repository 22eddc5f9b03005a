/**
 * The ways in agree with the package and with the server: one version everywhere a user reads one
 * (package.json, --version, the MCP Registry entry, the Claude Desktop manifest, the changelog); the
 * registry entry follows the server.json schema's rules (2025-12-11) and names only variables the
 * server reads, with accepted defaults; the manifest maps its settings onto real variables in the
 * form Claude Desktop needs; and the client snippets in the docs start the package by its npm name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS, loadConfig } from '../../src/config.js';
import { VERSION } from '../../src/version.js';
import { PKG, ROOT } from '../helpers/npm-package.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Input {
  name?: string;
  value?: string;
  valueHint?: string;
  default?: string;
  format?: string;
  isSecret?: boolean;
  isRequired?: boolean;
}
interface RegistryPackage {
  registryType: string;
  registryBaseUrl?: string;
  identifier: string;
  version: string;
  transport: { type: string; url?: string };
  packageArguments?: Input[];
  environmentVariables?: Input[];
}
const server = JSON.parse(read('server.json')) as {
  $schema: string;
  name: string;
  description: string;
  version: string;
  repository?: { url: string; source: string };
  packages: RegistryPackage[];
};

interface UserSetting {
  type: string;
  default?: unknown;
  sensitive?: boolean;
  required?: boolean;
}
const manifest = JSON.parse(read('manifest.json')) as {
  version: string;
  repository?: { url: string };
  server: { mcp_config: { env: Record<string, string> } };
  compatibility: { runtimes: { node: string } };
  user_config: Record<string, UserSetting>;
};

const documented = new Set(CONFIG_DOCS.map((d) => d.name));
const SECRETS = ['SAMSAR_API_KEY', 'SAMAUTOMATION_API_KEY'];
const repoUrl = (url: string | undefined) => url?.replace(/^git\+/, '').replace(/\.git$/, '');

describe('one version', () => {
  it('package.json, the server, server.json, manifest.json and the changelog carry the same version', () => {
    expect(VERSION).toBe(PKG.version);
    expect(server.version).toBe(PKG.version);
    for (const p of server.packages) expect(p.version).toBe(PKG.version);
    expect(manifest.version).toBe(PKG.version);
    expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## ${PKG.version.replaceAll('.', '\\.')}\\b`, 'm'));
  });

  it('names one project: registry name = package.json mcpName, one repository', () => {
    expect(server.name).toBe(PKG.mcpName);
    expect(repoUrl(server.repository?.url)).toBe(repoUrl(PKG.repository?.url));
    expect(repoUrl(manifest.repository?.url)).toBe(repoUrl(PKG.repository?.url));
  });
});

describe('server.json (MCP Registry)', () => {
  it('follows the schema rules the registry enforces', () => {
    expect(server.$schema).toBe(
      'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    );
    expect(server.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    expect(server.description.length).toBeGreaterThan(0);
    expect(server.description.length).toBeLessThanOrEqual(100);
    expect(server.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/); // an exact version, not a range
    expect(server.packages.length).toBeGreaterThan(0);
    expect(server.packages[0]!.transport.type).toBe('stdio'); // the form clients take first
    for (const p of server.packages) {
      expect(p).toMatchObject({ registryType: 'npm', registryBaseUrl: 'https://registry.npmjs.org' });
      expect(p.identifier).toBe(PKG.name);
      expect(['stdio', 'streamable-http']).toContain(p.transport.type);
      if (p.transport.type !== 'stdio') {
        // Each {variable} of the URL is a value the user gives as an argument.
        const hints = new Set((p.packageArguments ?? []).map((a) => a.valueHint).filter(Boolean));
        const vars = [...(p.transport.url ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(vars.length).toBeGreaterThan(0);
        for (const v of vars) expect(hints.has(v), `{${v}}`).toBe(true);
      }
    }
  });

  it('lists only variables the server reads, keys marked secret, with defaults the server accepts', () => {
    for (const p of server.packages) {
      const vars = p.environmentVariables ?? [];
      for (const v of vars) expect(documented.has(v.name!), `${v.name} is not in CONFIG_DOCS`).toBe(true);
      for (const key of SECRETS) expect(vars.find((v) => v.name === key)).toMatchObject({ isSecret: true });
      const defaults = Object.fromEntries(
        vars.filter((v) => v.default !== undefined).map((v) => [v.name!, v.default]),
      );
      expect(() => loadConfig(defaults)).not.toThrow();
    }
  });
});

describe('manifest.json (Claude Desktop bundle)', () => {
  const env = manifest.server.mcp_config.env;

  it('asks for the Node.js the package needs', () => {
    expect(manifest.compatibility.runtimes.node.replace(/(\.0)+$/, '')).toBe(PKG.engines.node);
  });

  it('sets only variables the server reads, each setting used, the API keys sensitive', () => {
    for (const name of Object.keys(env))
      expect(documented.has(name), `${name} is not in CONFIG_DOCS`).toBe(true);
    const used = Object.values(env).flatMap((v) =>
      [...v.matchAll(/\$\{user_config\.(\w+)\}/g)].map((m) => m[1]),
    );
    expect(used.sort()).toEqual(Object.keys(manifest.user_config).sort());
    for (const key of SECRETS) {
      const setting = /^\$\{user_config\.(\w+)\}$/.exec(env[key] ?? '')?.[1];
      expect(manifest.user_config[setting!]).toMatchObject({ type: 'string', sensitive: true });
    }
  });

  it('gives every optional setting a plain default: Claude Desktop passes an unset one on as its literal placeholder', () => {
    // And it does not expand ${HOME} inside a default (modelcontextprotocol/mcpb#250, #251).
    for (const [key, setting] of Object.entries(manifest.user_config)) {
      if (setting.required) continue;
      expect(setting.default, key).not.toBeUndefined();
      expect(String(setting.default), key).not.toContain('${');
    }
  });
});

describe('client snippets', () => {
  it('start the package by its npm name in the README, docs/clients.md and mcp.json (or a clone, as the alternative)', () => {
    const docs = `${read('README.md')}\n${read('docs/clients.md')}`;
    expect(docs).toContain(`claude mcp add videogen -- npx -y ${PKG.name}`);
    const blocks = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    blocks.push(read('mcp.json'));
    const commands = blocks.flatMap((b) => [...b.matchAll(/"command": "([^"]+)",\s*"args": (\[[^\]]*\])/g)]);
    let npx = 0;
    for (const [, command, args] of commands) {
      const argv = JSON.parse(args!) as string[];
      if (argv.includes('mcp-remote')) continue; // the HTTP bridge for Claude Desktop
      if (command === 'node')
        expect(argv[0]).toMatch(/\/videogen-mcp\/dist\/bin\.cjs$/); // from a clone
      else {
        expect({ command, argv: argv.slice(0, 2) }).toEqual({ command: 'npx', argv: ['-y', PKG.name] });
        npx++;
      }
    }
    expect(npx).toBeGreaterThanOrEqual(4); // Claude Desktop, VS Code, Cursor, mcp.json
  });
});
