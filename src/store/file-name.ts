/**
 * A fixed-length file name for any (namespace, key): a digest, so no name is too long or unsafe. Its
 * own module so the file store loads node:crypto (milliseconds) only once a key is written or read,
 * through an import the bundler resolves: a bare `import('node:crypto')` stays a real dynamic import
 * in the bundle, which the bin's code-cached script cannot run.
 */
import { createHash } from 'node:crypto';

export function digestFileName(...parts: string[]): string {
  return `${createHash('sha256').update(parts.join('\0')).digest('hex')}.json`;
}
