/**
 * The file store's token signing key: a random key created once per install in VIDEOGEN_DATA_DIR
 * (mode 0600), so tokens and replays survive a restart and several server processes on one machine
 * agree. Registered for redaction and never printed.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { registerSecret } from '../redact.js';

const FILE = 'confirmation-secret';

function readExisting(file: string): Buffer | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.length >= 32 ? Buffer.from(text, 'hex') : undefined;
  } catch {
    return undefined;
  }
}

export function fileSigningKey(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, FILE);
  let key = readExisting(file);
  if (!key) {
    const hex = randomBytes(32).toString('hex');
    try {
      // 'wx': when two processes start at once, exactly one creates the file and both read it back.
      writeFileSync(file, `${hex}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    key = readExisting(file);
    if (!key) throw new Error(`cannot read the confirmation key in ${dataDir}`);
  }
  registerSecret(key.toString('hex'));
  return key;
}
