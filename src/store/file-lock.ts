/**
 * A short exclusive section over a data directory, for the file store's read-check-write steps
 * (budget reservation, expiring values): one at a time within a process (a queue per lock file) and
 * across processes on one machine (a lock file created with 'wx', holding the owner's pid).
 *
 * A lock left by a process that died is taken over when its pid is gone, or when it is older than
 * STALE_MS (sections last milliseconds). Two processes taking over the same abandoned lock at the same
 * instant could both enter: cross-process exclusion is best effort in that one case, which is why a
 * team shares one PostgreSQL store instead.
 */
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { StoreUnavailableError } from '../errors.js';

const STALE_MS = 10_000;
const GIVE_UP_MS = 15_000;

const queues = new Map<string, Promise<unknown>>();

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but is someone else's
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock at `file` was abandoned (its owner is gone or it is far too old) and was removed. */
function takeOverStale(file: string): boolean {
  try {
    const age = Date.now() - statSync(file).mtimeMs;
    const pid = Number(readFileSync(file, 'utf8'));
    if (age < STALE_MS && (alive(pid) || age < 100)) return false;
    unlinkSync(file);
    return true;
  } catch {
    // gone in the meantime: try again
    return true;
  }
}

async function acquire(file: string): Promise<void> {
  const start = Date.now();
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreUnavailableError(`cannot create the lock file ${file}: ${(err as Error).message}`);
      }
    }
    if (takeOverStale(file)) continue;
    if (Date.now() - start > GIVE_UP_MS) {
      throw new StoreUnavailableError(`the lock file ${file} has been held for more than 15 s`);
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** Runs `fn` holding the lock at `file`; `fn` should be short and synchronous file work. */
export async function withFileLock<T>(file: string, fn: () => T): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const run = previous.then(async () => {
    await acquire(file);
    try {
      return fn();
    } finally {
      try {
        unlinkSync(file);
      } catch {
        // taken over as stale: nothing to release
      }
    }
  });
  const settled = run.catch(() => undefined);
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return run;
}
