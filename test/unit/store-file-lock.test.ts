/** The file store's lock: exclusive across processes on one machine, and not stuck on a dead owner's lock. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/store/file-lock.js';

const execFileAsync = promisify(execFile);

describe('withFileLock', () => {
  it('lets one process at a time through: three processes incrementing one counter lose no update', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'videogen-lock-'));
    writeFileSync(path.join(dir, 'counter'), '0');
    const script = fileURLToPath(new URL('../helpers/file-lock-counter.ts', import.meta.url));
    const names = ['a', 'b', 'c'];
    const children = names.map((n) =>
      execFileAsync(process.execPath, ['--import', 'tsx', script, dir, n, '20'], { timeout: 60_000 }),
    );
    while (!names.every((n) => existsSync(path.join(dir, `ready-${n}`)))) {
      await new Promise((r) => setTimeout(r, 10));
    }
    writeFileSync(path.join(dir, 'go'), '');
    await Promise.all(children);
    expect(readFileSync(path.join(dir, 'counter'), 'utf8')).toBe('60');
    expect(existsSync(path.join(dir, 'store.lock'))).toBe(false);
  });

  it('takes over a lock whose owner process is gone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'videogen-lock-'));
    const lock = path.join(dir, 'store.lock');
    const { stdout } = await execFileAsync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]);
    writeFileSync(lock, stdout); // that process has exited
    await new Promise((r) => setTimeout(r, 150)); // older than a lock still being written
    expect(await withFileLock(lock, () => 'entered')).toBe('entered');
  });

  it('waits while a live process holds the lock', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'videogen-lock-'));
    const lock = path.join(dir, 'store.lock');
    writeFileSync(lock, String(process.ppid)); // the test runner's parent: alive for the whole test
    let entered = false;
    const waiting = withFileLock(lock, () => {
      entered = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(entered).toBe(false);
    unlinkSync(lock);
    await waiting;
    expect(entered).toBe(true);
  });

  it('queues the sections of one process in order, and releases the lock when a section throws', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'videogen-lock-'));
    const lock = path.join(dir, 'store.lock');
    const order: string[] = [];
    const first = withFileLock(lock, () => {
      order.push('first');
      throw new Error('boom');
    });
    const second = withFileLock(lock, () => order.push('second'));
    await expect(first).rejects.toThrow('boom');
    await second;
    expect(order).toEqual(['first', 'second']);
    expect(existsSync(lock)).toBe(false);
  });
});
