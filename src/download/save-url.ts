/**
 * Streams a remote video into a file without holding it in memory: follows a few redirects (each
 * hop checked), refuses pages that are not video, enforces the size cap while writing, writes to a
 * temporary `.part` file that is removed on any failure, and only then moves it into place
 * (without replacing an existing file unless asked).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { VideogenError } from '../errors.js';
import type { HttpClient } from '../http/client.js';

export class DownloadError extends VideogenError {
  constructor(
    readonly code: string,
    message: string,
    hint?: string,
  ) {
    super(message, hint);
  }
}

export interface SaveOptions {
  url: string;
  target: string;
  overwrite: boolean;
  maxBytes: number;
  /** Whether a URL (the first one and every redirect) may be fetched. */
  allow(url: URL): boolean;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 5;
const VIDEO_TYPES = /^(video\/|application\/(octet-stream|mp4)|binary\/octet-stream)/i;

function header(res: Dispatcher.ResponseData, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export const existsError = (target: string) =>
  new DownloadError(
    'file_exists',
    `${target} already exists.`,
    'Pass overwrite: true to replace it, or another filename.',
  );

function checkUrl(url: URL, allow: SaveOptions['allow']): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DownloadError('download_refused', `Only http(s) URLs can be downloaded, not ${url.protocol}`);
  }
  if (!allow(url)) {
    throw new DownloadError(
      'download_refused',
      `${url.host} is not a host the providers deliver results from.`,
      'Pass {provider, id} instead, or add the host to VIDEOGEN_DOWNLOAD_HOSTS.',
    );
  }
}

/** GET with redirects followed by hand, so every hop passes the host check. */
async function open(http: HttpClient, o: SaveOptions): Promise<Dispatcher.ResponseData> {
  let url = new URL(o.url);
  for (let hop = 0; ; hop++) {
    checkUrl(url, o.allow);
    const res = await http.getRaw(url.href, { signal: o.signal });
    const location = header(res, 'location');
    if (res.statusCode >= 300 && res.statusCode < 400 && location && hop < MAX_REDIRECTS) {
      await res.body.dump();
      url = new URL(location, url);
      continue;
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new DownloadError(
        'download_failed',
        `The video URL answered HTTP ${res.statusCode}.`,
        'Result links can expire: call wait_for_job (or samsar_fetch_latest_version) for a fresh URL.',
      );
    }
    return res;
  }
}

/** Counts bytes on their way to disk and stops the stream past the cap. */
function sizeLimit(maxBytes: number, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      counted.bytes += chunk.length;
      if (counted.bytes > maxBytes) done(tooLarge(maxBytes));
      else done(null, chunk);
    },
  });
}

const tooLarge = (maxBytes: number) =>
  new DownloadError(
    'download_too_large',
    `The video is larger than the ${maxBytes}-byte limit.`,
    'Raise VIDEOGEN_DOWNLOAD_MAX_BYTES to save larger files.',
  );

export async function saveUrl(
  http: HttpClient,
  o: SaveOptions,
): Promise<{ bytes: number; contentType?: string }> {
  if (!o.overwrite && (await stat(o.target).catch(() => undefined))) throw existsError(o.target);
  const res = await open(http, o);
  const contentType = header(res, 'content-type');
  if (contentType && !VIDEO_TYPES.test(contentType)) {
    await res.body.dump();
    throw new DownloadError(
      'download_refused',
      `The URL answered ${contentType.split(';')[0]}, not a video.`,
      'The link may have expired and now shows a page: get a fresh URL with wait_for_job.',
    );
  }
  const declared = Number(header(res, 'content-length'));
  if (Number.isFinite(declared) && declared > o.maxBytes) {
    res.body.on('error', () => {});
    res.body.destroy();
    throw tooLarge(o.maxBytes);
  }
  await mkdir(path.dirname(o.target), { recursive: true });
  const part = `${o.target}.${randomBytes(4).toString('hex')}.part`;
  const counted = { bytes: 0 };
  try {
    await pipeline(res.body, sizeLimit(o.maxBytes, counted), createWriteStream(part, { flags: 'wx' }), {
      signal: o.signal,
    });
    if (o.overwrite) {
      await rename(part, o.target);
    } else {
      // link() fails if the target appeared meanwhile, where rename() would silently replace it.
      await link(part, o.target).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'EEXIST' ? existsError(o.target) : err;
      });
      await unlink(part);
    }
  } catch (err) {
    await unlink(part).catch(() => {});
    if (err instanceof DownloadError || o.signal?.aborted) throw err;
    throw new DownloadError(
      'download_failed',
      `Saving the video failed after ${counted.bytes} bytes: ${(err as Error).message}`,
      'Nothing was kept; call download_video again.',
    );
  }
  return { bytes: counted.bytes, contentType };
}
