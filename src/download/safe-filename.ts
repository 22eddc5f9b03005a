/**
 * File names for saved videos: a caller's name must be a plain name (no folders, no `..`), odd
 * characters are replaced, and the resolved path is checked to sit directly in the output folder.
 */
import path from 'node:path';
import { ValidationError } from '../errors.js';

const MAX_NAME = 150;

/** Replaces characters that are unsafe or awkward in file names on any platform. */
function clean(name: string): string {
  const replaced = name
    .replace(/[^\w.\- ()]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (replaced.length <= MAX_NAME) return replaced;
  const ext = path.extname(replaced).slice(0, 10);
  return replaced.slice(0, MAX_NAME - ext.length) + ext;
}

const withExtension = (name: string) => (path.extname(name) ? name : `${name}.mp4`);

/** A caller-chosen name: refused when it tries to leave the folder, cleaned otherwise. */
export function requestedName(filename: string): string {
  if (/[/\\\0]/.test(filename) || filename === '.' || filename === '..' || path.isAbsolute(filename)) {
    throw new ValidationError(
      'filename',
      'must be a plain file name without folders',
      'Pass a name such as "my-video.mp4"; files are saved in VIDEOGEN_OUTPUT_DIR.',
    );
  }
  const name = clean(filename);
  if (!name)
    throw new ValidationError('filename', 'has no usable characters', 'Pass a name such as "my-video.mp4".');
  return withExtension(name);
}

/** A name derived from the job id or the URL's last segment. */
export function defaultName(id: string | undefined, url: string): string {
  const fromUrl = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').replace(/[/\\]/g, '_');
  return withExtension(clean(id ?? '') || clean(fromUrl) || 'video');
}

/** The absolute path of `name` in `dir`, refusing anything that would land elsewhere. */
export function pathInside(dir: string, name: string): string {
  const root = path.resolve(dir);
  const target = path.resolve(root, name);
  if (path.dirname(target) !== root) {
    throw new ValidationError('filename', 'would be written outside the output folder');
  }
  return target;
}
