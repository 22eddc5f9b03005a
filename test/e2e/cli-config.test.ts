/**
 * Configuration is checked at start, on the built bin: a value that would only fail later (an unknown
 * tool or toolset, malformed export destinations, a URL given as a host, a folder that cannot be
 * created, a principal's token too short...) stops the server with one line on stderr naming the flag
 * or variable it came from (and never a token), exit code 2 and nothing on stdout; a good
 * configuration starts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/spawn-bin.js';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'videogen-cli-config-'));
const run = (args: string[], env: Record<string, string>) =>
  runBin(args, { VIDEOGEN_SANDBOX: '1', VIDEOGEN_DATA_DIR: dataDir(), ...env });

const aFile = () => {
  const file = path.join(dataDir(), 'plain-file');
  writeFileSync(file, 'x');
  return file;
};

/** Tokens the refusals must never print. */
const TOKEN = 'ci-token-that-must-not-print';
const OTHER = 'other-token-never-printed-0';

const BAD: Array<{ what: string; args?: string[]; env?: Record<string, string>; line: string | RegExp }> = [
  {
    what: 'a misspelt tool in VIDEOGEN_TOOLS',
    env: { VIDEOGEN_TOOLS: 'samsar_list_models,wait_for_jobs' },
    line: "invalid VIDEOGEN_TOOLS: unknown tool 'wait_for_jobs' (did you mean wait_for_job?)",
  },
  {
    what: 'a misspelt tool in --tools',
    args: ['--tools', 'estimate_costs,spending_reprot'],
    env: { VIDEOGEN_TOOLS: 'wait_for_job' },
    line: "invalid --tools: unknown tools 'estimate_costs' (did you mean estimate_cost?), 'spending_reprot' (did you mean spending_report?)",
  },
  {
    what: 'a misspelt toolset',
    env: { VIDEOGEN_TOOLSETS: 'samsar,templtes' },
    line: /^invalid VIDEOGEN_TOOLSETS: unknown toolset 'templtes' \(did you mean templates\?\); known: samsar, /,
  },
  {
    what: 'a misspelt toolset in --toolsets',
    args: ['--toolsets', 'job'],
    line: /^invalid --toolsets: unknown toolset 'job' \(did you mean jobs\?\)/,
  },
  {
    what: 'export destinations that are not JSON',
    env: { VIDEOGEN_EXPORT_DESTINATIONS: '{team: email}' },
    line: 'invalid VIDEOGEN_EXPORT_DESTINATIONS: not JSON: expected an object of name -> destination',
  },
  {
    what: 'export destinations as a list',
    env: { VIDEOGEN_EXPORT_DESTINATIONS: '[]' },
    line: 'invalid VIDEOGEN_EXPORT_DESTINATIONS: not a JSON object of name -> destination',
  },
  {
    what: 'an ftp destination without its password',
    env: {
      VIDEOGEN_EXPORT_DESTINATIONS: JSON.stringify({
        team: { type: 'email', to: 'team@example.com' },
        archive: { type: 'ftp', host: 'ftp.example.com', username: 'u', path: '/in' },
      }),
    },
    line: /^invalid VIDEOGEN_EXPORT_DESTINATIONS: entry 'archive'\.password: /,
  },
  {
    what: 'a destination of an unknown type',
    env: { VIDEOGEN_EXPORT_DESTINATIONS: JSON.stringify({ drop: { type: 's3', bucket: 'b' } }) },
    line: "invalid VIDEOGEN_EXPORT_DESTINATIONS: entry 'drop'.type: type must be callback, email, ftp or sftp",
  },
  {
    what: 'a callback without a URL',
    env: { VIDEOGEN_EXPORT_DESTINATIONS: JSON.stringify({ hook: { type: 'callback' } }) },
    line: /^invalid VIDEOGEN_EXPORT_DESTINATIONS: entry 'hook'\.callback_url: /,
  },
  {
    what: 'a URL where a download host is expected',
    env: { VIDEOGEN_DOWNLOAD_HOSTS: 'cdn.example.com,https://media.example.com/videos' },
    line: "invalid VIDEOGEN_DOWNLOAD_HOSTS: 'https://media.example.com/videos' is a URL: give the host name only (media.example.com)",
  },
  {
    what: 'a port in --allowed-hosts (matched by name only)',
    args: ['--allowed-hosts', 'mcp.example.com:3333'],
    line: "invalid --allowed-hosts: 'mcp.example.com:3333' has a port: Host and Origin are matched by name, give 'mcp.example.com'",
  },
  {
    what: 'a base URL that is not http(s), given as a flag',
    args: ['--samsar-base-url', 'ftp://api.samsar.one/v1'],
    line: 'invalid --samsar-base-url: must be an http(s) URL',
  },
  {
    what: 'a number that is not one',
    env: { VIDEOGEN_MAX_WAIT_SECONDS: 'ten' },
    line: /^invalid VIDEOGEN_MAX_WAIT_SECONDS: /,
  },
  {
    what: 'a public URL that is not http(s)',
    args: ['--public-url', 'ws://videos.example.com'],
    line: 'invalid --public-url: must be an http(s) URL',
  },
  {
    what: 'a public URL with a query',
    env: { VIDEOGEN_PUBLIC_URL: 'https://videos.example.com/?x=1' },
    line: 'invalid VIDEOGEN_PUBLIC_URL: must be a base URL without ? or #',
  },
  {
    what: 'an unknown sandbox callback mode',
    env: { VIDEOGEN_SANDBOX_CALLBACKS: 'sometimes' },
    line: /^invalid VIDEOGEN_SANDBOX_CALLBACKS: /,
  },
  {
    what: 'a sandbox switch that is neither on nor off',
    env: { VIDEOGEN_SANDBOX: 'maybe' },
    line: /^invalid VIDEOGEN_SANDBOX: /,
  },
  {
    what: 'HTTP tokens that are not JSON (without quoting them)',
    env: { VIDEOGEN_HTTP_TOKENS: `[{"name": "alice", "token": "${TOKEN}"` },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: not valid JSON (expected [{"name": ..., "token": ..., "daily_budget"?: ...}])',
  },
  {
    what: 'an HTTP token shorter than 16 characters',
    env: { VIDEOGEN_HTTP_TOKENS: JSON.stringify([{ name: 'alice', token: 'short-one' }]) },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: entry 1 ("alice"): token must be a string of at least 16 characters',
  },
  {
    what: 'a principal named twice',
    env: {
      VIDEOGEN_HTTP_TOKENS: JSON.stringify([
        { name: 'ci', token: TOKEN },
        { name: 'ci', token: OTHER },
      ]),
    },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: entry 2: the name "ci" is used twice',
  },
  {
    what: 'one token for two principals',
    env: {
      VIDEOGEN_HTTP_TOKENS: JSON.stringify([
        { name: 'a', token: TOKEN },
        { name: 'b', token: TOKEN },
      ]),
    },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: entry 2 ("b") has the same token as entry 1 ("a")',
  },
  {
    what: 'a misspelt key in a principal',
    env: { VIDEOGEN_HTTP_TOKENS: JSON.stringify([{ name: 'ci', token: TOKEN, daily_budjet: 100 }]) },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: entry 1 ("ci"): unknown key \'daily_budjet\' (did you mean daily_budget?)',
  },
  {
    what: 'a daily_budget that is not a whole number',
    env: { VIDEOGEN_HTTP_TOKENS: JSON.stringify([{ name: 'ci', token: TOKEN, daily_budget: '100' }]) },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: entry 1 ("ci"): daily_budget must be a positive whole number of credits',
  },
  {
    what: 'a tokens file that does not exist',
    env: { VIDEOGEN_HTTP_TOKENS: '/nonexistent/tokens.json' },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: cannot read the file /nonexistent/tokens.json (ENOENT)',
  },
  {
    what: 'both the single token and the list',
    env: { VIDEOGEN_HTTP_TOKEN: OTHER, VIDEOGEN_HTTP_TOKENS: JSON.stringify([{ name: 'ci', token: TOKEN }]) },
    line: 'invalid VIDEOGEN_HTTP_TOKENS: set it or VIDEOGEN_HTTP_TOKEN, not both (the single token can be one entry of the list)',
  },
];

describe('configuration checked at start', () => {
  it.each(BAD)('stops on $what with one line naming it, exit 2', async ({ args = [], env = {}, line }) => {
    const r = await run(args, env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const message = lines[0]!.replace(/^videogen-mcp: /, '');
    if (typeof line === 'string') expect(message).toBe(line);
    else expect(message).toMatch(line);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stderr).not.toContain(OTHER);
  });

  it('starts with principals from a tokens file', async () => {
    const file = path.join(dataDir(), 'tokens.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'ci', token: TOKEN, daily_budget: 5000 },
        { name: 'dev', token: OTHER },
      ]),
    );
    const r = await run([], { VIDEOGEN_HTTP_TOKENS: file });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('stops when VIDEOGEN_DATA_DIR lies under a regular file', async () => {
    const file = aFile();
    const r = await run([], { VIDEOGEN_DATA_DIR: path.join(file, 'state') });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `videogen-mcp: invalid VIDEOGEN_DATA_DIR: ${file} is a file, so ${path.join(file, 'state')} cannot be created`,
    );
  });

  it('starts with valid destinations, hosts and tools, and warns about an unknown VIDEOGEN_ variable', async () => {
    const r = await run(['--tools', 'wait_for_job,download_video'], {
      VIDEOGEN_EXPORT_DESTINATIONS: JSON.stringify({
        team: { type: 'email', to: ['a@example.com'] },
        hook: { type: 'callback', callback_url: 'https://hooks.example.com/v', callback_secret: 's' },
        vault: { type: 'sftp', host: 'sftp.example.com', username: 'u', path: '/in', private_key: 'k' },
      }),
      VIDEOGEN_DOWNLOAD_HOSTS: 'cdn.example.com,*.media.example.com,127.0.0.1:8080',
      VIDEOGEN_HTTP_ALLOWED_HOSTS: 'mcp.example.com,[::1]',
      VIDEOGEN_TOOL: 'wait_for_job',
    });
    expect(r.code, r.stderr).toBe(0); // stdin closed at once: the stdio server ends cleanly
    expect(r.stderr).toContain(
      'VIDEOGEN_TOOL is not a videogen-mcp setting and is ignored (did you mean VIDEOGEN_TOOLS?)',
    );
  });

  it('warns that VIDEOGEN_PUBLIC_URL does nothing over stdio', async () => {
    const r = await run([], { VIDEOGEN_PUBLIC_URL: 'https://videos.example.com/mcp-host' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('VIDEOGEN_PUBLIC_URL is ignored over stdio');
  });

  it('warns when the filters together leave no tool', async () => {
    const r = await run(['--read-only'], { VIDEOGEN_TOOLS: 'download_video' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('no tool is exposed: VIDEOGEN_TOOLS, --read-only together leave none');
  });
});
