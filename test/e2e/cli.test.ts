/**
 * The bin as a user meets it: --help, --version, a bad setting stopping with one line and exit 2,
 * and the standalone sandbox answering a pipeline's own requests.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS } from '../../src/config.js';
import { VERSION } from '../../src/version.js';
import { requireBuiltBin, runBin } from '../helpers/spawn-bin.js';

describe('videogen-mcp bin', () => {
  it('prints help with every configuration variable, and exits 0', async () => {
    const r = await runBin(['--help']);
    expect(r.code).toBe(0);
    for (const d of CONFIG_DOCS) expect(r.stdout).toContain(d.name);
    expect(r.stderr).toBe('');
  });

  it('prints the version', async () => {
    const r = await runBin(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  });

  it('stops on a bad setting with one line on stderr naming it, exit code 2, nothing on stdout', async () => {
    const r = await runBin([], { VIDEOGEN_SANDBOX: '1', VIDEOGEN_LOG_LEVEL: 'loud' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('VIDEOGEN_LOG_LEVEL');
  });

  it('lets a flag win over the environment, and validates flags the same way', async () => {
    const overridden = await runBin(['--log-level', 'warn'], {
      VIDEOGEN_SANDBOX: '1',
      VIDEOGEN_LOG_LEVEL: 'loud',
    });
    expect(overridden.stderr).not.toContain('VIDEOGEN_LOG_LEVEL');
    expect(overridden.code).toBe(0); // stdin closed at once: the stdio server ends cleanly
    const bad = await runBin(['--log-level', 'loud'], { VIDEOGEN_SANDBOX: '1', VIDEOGEN_LOG_LEVEL: 'info' });
    expect(bad.code).toBe(2);
    // The refusal names what the person typed: the flag, not the variable it maps to.
    expect(bad.stderr).toContain('invalid --log-level:');
  });

  it('refuses an unknown argument with exit code 2', async () => {
    const r = await runBin(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frobnicate');
  });

  it('runs the sandbox on its own for pipelines, printing base URLs and keys to use', async () => {
    const child = spawn(process.execPath, [requireBuiltBin(), 'sandbox', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      while (!/SAMSAR_BASE_URL=(\S+)/.test(stderr)) await once(child.stderr, 'data');
      const base = /SAMSAR_BASE_URL=(\S+)/.exec(stderr)![1]!;
      const key = /SAMSAR_API_KEY=(\S+)/.exec(stderr)![1]!;
      const models = await fetch(`${base}/video/supported_models`);
      expect(models.status).toBe(200);
      const denied = await fetch(`${base}/status?request_id=x`, {
        headers: { authorization: 'Bearer wrong' },
      });
      expect(denied.status).toBe(401);
      const unknown = await fetch(`${base}/status?request_id=nope`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(unknown.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'close');
    }
  });
});
