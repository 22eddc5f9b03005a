/**
 * Result files served by the sandbox itself: a small real MP4 whose header is rewritten so that its
 * duration matches the session it belongs to. Range requests are honoured, as a CDN would.
 */
import { readFileSync } from 'node:fs';
import { setMp4Duration } from '../media/mp4-duration.js';
import type { SandboxResponse } from './router.js';

const SAMPLE = readFileSync(new URL('../../assets/sample.mp4', import.meta.url));

/** The sample MP4 re-stamped to `seconds`. */
export function mp4OfDuration(seconds: number): Buffer {
  return setMp4Duration(SAMPLE, seconds);
}

/** Serves `data` honouring a single `Range: bytes=a-b` header. */
export function serveBytes(
  data: Buffer,
  rangeHeader: string | undefined,
  contentType = 'video/mp4',
): SandboxResponse {
  const base = { 'content-type': contentType, 'accept-ranges': 'bytes' };
  const m = rangeHeader ? /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim()) : null;
  if (!m) return { status: 200, raw: data, headers: { ...base, 'content-length': String(data.length) } };
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    start = Math.max(0, data.length - suffix);
    end = data.length - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? data.length - 1 : Math.min(Number(m[2]), data.length - 1);
  }
  if (start >= data.length || start > end) {
    return {
      status: 416,
      raw: Buffer.alloc(0),
      headers: { ...base, 'content-range': `bytes */${data.length}` },
    };
  }
  const slice = data.subarray(start, end + 1);
  return {
    status: 206,
    raw: slice,
    headers: {
      ...base,
      'content-length': String(slice.length),
      'content-range': `bytes ${start}-${end}/${data.length}`,
    },
  };
}
