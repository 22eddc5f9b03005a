/**
 * Command-line parsing: a subcommand, flags that map onto configuration variables (flags win over
 * the environment), and transport options.
 */
import { CONFIG_DOCS } from './config.js';
import { defaultDataDir, defaultOutputDir } from './config-paths.js';

export interface CliArgs {
  command: 'serve' | 'sandbox' | 'ledger-import' | 'help' | 'version';
  /** The ledger file of `ledger import FILE`. */
  file?: string;
  http: boolean;
  port?: number;
  host?: string;
  /** Configuration overrides keyed by variable name. */
  overrides: Record<string, string>;
}

const BOOLEAN_FLAGS: Record<string, string> = {
  '--sandbox': 'VIDEOGEN_SANDBOX',
  '--read-only': 'VIDEOGEN_READ_ONLY',
};

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { command: 'serve', http: false, overrides: {} };
  const valueFlags = new Map(
    CONFIG_DOCS.filter((d) => d.flag && !BOOLEAN_FLAGS[d.flag]).map((d) => [d.flag!, d.name]),
  );
  const args = [...argv];
  if (args[0] === 'sandbox') {
    out.command = 'sandbox';
    args.shift();
  } else if (args[0] === 'ledger') {
    if (args[1] !== 'import' || !args[2] || args[2].startsWith('--')) {
      throw new UsageError('usage: videogen-mcp ledger import FILE (a ledger.jsonl of VIDEOGEN_DATA_DIR)');
    }
    out.command = 'ledger-import';
    out.file = args[2];
    args.splice(0, 3);
  }
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    const [flag, inline] = raw.includes('=')
      ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
      : [raw, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') out.command = 'help';
    else if (flag === '--version' || flag === '-v') out.command = 'version';
    else if (flag === '--http') out.http = true;
    else if (flag === '--port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new UsageError('--port must be an integer 0-65535');
      out.port = n;
    } else if (flag === '--host') out.host = value();
    else if (BOOLEAN_FLAGS[flag]) out.overrides[BOOLEAN_FLAGS[flag]] = inline ?? '1';
    else if (valueFlags.has(flag)) out.overrides[valueFlags.get(flag)!] = value();
    else throw new UsageError(`unknown argument '${raw}' (see --help)`);
  }
  return out;
}

/** Defaults that depend on the machine, shown as they resolve here. */
function resolvedDefaults(env: NodeJS.ProcessEnv): Record<string, string> {
  return { VIDEOGEN_OUTPUT_DIR: defaultOutputDir(env), VIDEOGEN_DATA_DIR: defaultDataDir(env) };
}

export function helpText(version: string, env: NodeJS.ProcessEnv = {}): string {
  const here = resolvedDefaults(env);
  const rows = CONFIG_DOCS.map(
    (d) =>
      `  ${d.name}${d.flag ? ` (${d.flag})` : ''}\n      ${d.description} Default: ${d.default}${here[d.name] ? ` (here: ${here[d.name]})` : ''}`,
  );
  return [
    `videogen-mcp ${version}: MCP server for the Samsar Video API and the SamAutomation JSON to Video API.`,
    '',
    'Usage:',
    '  videogen-mcp                         serve MCP over stdio',
    '  videogen-mcp --http [--port 3333] [--host 127.0.0.1]   serve MCP over Streamable HTTP at /mcp',
    '  videogen-mcp sandbox [--port N] [--host H]             run only the sandbox simulator of both APIs',
    '  videogen-mcp ledger import FILE      copy a ledger.jsonl into the PostgreSQL store (VIDEOGEN_DATABASE_URL)',
    '  videogen-mcp --help | --version',
    '',
    'Each provider is called for real when its key is set (SAMSAR_API_KEY, SAMAUTOMATION_API_KEY) and',
    'answered by an embedded sandbox when it is not; VIDEOGEN_SANDBOX=1 sandboxes both, VIDEOGEN_SANDBOX=0',
    'none (a provider without a key is then refused).',
    '',
    'Configuration (environment variable, flag):',
    ...rows,
    '',
  ].join('\n');
}
