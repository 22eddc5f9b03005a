/**
 * Where the server keeps files when nothing says otherwise, and an early look at a configured folder:
 * both folders are created lazily (the first download, the first paid call), so a folder that can
 * never be created is caught at start, not in the middle of a paid flow.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Default state directory: XDG_STATE_HOME, else the platform's usual place. */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'videogen-mcp');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'videogen-mcp');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? os.homedir(), 'videogen-mcp');
  return path.join(os.homedir(), '.local', 'state', 'videogen-mcp');
}

/**
 * Default download folder, absolute so it does not depend on the directory a client starts the
 * server in: the user's videos folder when there is one, else the user data folder.
 */
export function defaultOutputDir(env: NodeJS.ProcessEnv): string {
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Movies', 'videogen-mcp');
  if (process.platform === 'win32') return path.join(env.USERPROFILE ?? home, 'Videos', 'videogen-mcp');
  const videos = env.XDG_VIDEOS_DIR || path.join(home, 'Videos');
  if (existsSync(videos)) return path.join(videos, 'videogen-mcp');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'videogen-mcp', 'videos');
}

export const OUTPUT_DIR_DEFAULT_TEXT =
  '~/Videos/videogen-mcp if ~/Videos exists, else $XDG_DATA_HOME (~/.local/share)/videogen-mcp/videos; macOS ~/Movies/videogen-mcp; Windows %USERPROFILE%\\Videos\\videogen-mcp';

/**
 * Why `dir` cannot be used as a folder to write into, or undefined when it can (or may yet be
 * created). Looks only at what exists: the folder itself, or its nearest existing ancestor.
 */
export function folderProblem(dir: string): string | undefined {
  let at = path.resolve(dir);
  for (;;) {
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: an ancestor is a file, found on the way up.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return `${at} cannot be read (${code})`;
    }
    if (stat) {
      if (!stat.isDirectory())
        return at === path.resolve(dir)
          ? `${at} is a file, not a folder`
          : `${at} is a file, so ${dir} cannot be created`;
      try {
        accessSync(at, constants.W_OK);
      } catch {
        return `${at} is not writable`;
      }
      return undefined;
    }
    const parent = path.dirname(at);
    if (parent === at) return undefined;
    at = parent;
  }
}
