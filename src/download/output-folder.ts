/**
 * The output folder is made ready before anything is fetched, so a folder that cannot be created or
 * written is reported as such (naming VIDEOGEN_OUTPUT_DIR, the setting that fixes it) rather than as
 * a failed download or an internal error.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { DownloadError } from './save-url.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'the disk is full',
};

export async function ensureOutputFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new DownloadError(
      'output_dir_unwritable',
      `Cannot save into ${dir}: ${REASONS[code] ?? code} (${code}). Nothing was downloaded.`,
      `Set VIDEOGEN_OUTPUT_DIR in the server's environment to a folder it can create and write (now ${dir}), then call download_video again.`,
    );
  }
}
