/**
 * The Quickstart's first command ends in the demo: it must walk the whole flow against the sandbox,
 * save a real video, and exit cleanly (no crash on shutdown), with stderr not a terminal (line mode).
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/spawn-bin.js';

const DEMO = fileURLToPath(new URL('../../dist/demo/run-demo.js', import.meta.url));

describe('demo', () => {
  it('walks list models -> estimate -> confirm -> create -> wait -> download -> spending report', async () => {
    const outputDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-demo-test-'));
    const run = await runBin([], { VIDEOGEN_OUTPUT_DIR: outputDir }, 60_000, DEMO);
    expect(run.stderr).not.toMatch(/Error|failed/);
    expect(run.code).toBe(0);
    const steps = [
      'samsar_list_models',
      'estimate_cost',
      'confirms',
      'confirmation token',
      'wait_for_job',
      'download_video',
      'spending_report',
    ];
    let at = 0;
    for (const step of steps) {
      const found = run.stdout.indexOf(step, at);
      expect(found, `${step} after position ${at}`).toBeGreaterThan(-1);
      at = found;
    }
    // The quote the person confirmed is what the provider charged.
    const quoted = /(\d+) credits: /.exec(run.stdout)?.[1];
    expect(run.stdout).toContain(`charged ${quoted} credits`);
    // Progress goes to stderr, one plain line per update when it is not a terminal, rising to the end.
    const percents = [...run.stderr.matchAll(/^\[[#.]+\] +(\d+)% /gm)].map((m) => Number(m[1]));
    expect(percents.length).toBeGreaterThan(2);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(run.stderr).toMatch(/completed: http:\/\/127\.0\.0\.1:\d+\/files\//);
    const saved = /saved (\S+\.mp4) \((\d+) bytes, ([\d.]+) s\)/.exec(run.stdout);
    expect(saved).not.toBeNull();
    expect(path.dirname(saved![1]!)).toBe(outputDir);
    expect(existsSync(saved![1]!)).toBe(true);
    expect(statSync(saved![1]!).size).toBe(Number(saved![2]));
    expect(Number(saved![3])).toBeGreaterThan(0);
    expect(run.stdout).toMatch(new RegExp(`samsar: ${quoted} credits in 1 call`));
  }, 90_000);
});
