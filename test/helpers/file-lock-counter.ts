/**
 * A child process for the file lock test: waits at a barrier, then increments a counter file N times,
 * each a read, a pause and a write inside withFileLock (without the lock, updates get lost).
 * Run with `node --import tsx`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withFileLock } from '../../src/store/file-lock.js';

const [dir, name, count] = process.argv.slice(2) as [string, string, string];
const counter = path.join(dir, 'counter');
writeFileSync(path.join(dir, `ready-${name}`), '');
while (!existsSync(path.join(dir, 'go'))) await new Promise((r) => setTimeout(r, 2));
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < Number(count); i++) {
  await withFileLock(path.join(dir, 'store.lock'), () => {
    const n = Number(readFileSync(counter, 'utf8'));
    Atomics.wait(pause, 0, 0, 1);
    writeFileSync(counter, String(n + 1));
  });
}
