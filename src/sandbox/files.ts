/**
 * Result files served by the sandbox itself: small real MP4s, one per aspect ratio the APIs offer
 * (16:9 160x90, 9:16 90x160, 1:1 120x120), whose header is rewritten so that the duration matches
 * the render they belong to. Range requests are honoured, as a CDN would.
 */
import { readFileSync } from 'node:fs';
import { setMp4Duration } from '../media/mp4-duration.js';
import type { SandboxResponse } from './router.js';

export type AspectRatio = '16:9' | '9:16' | '1:1';

const SAMPLE_FILES: Record<AspectRatio, URL> = {
  '16:9': new URL('../../assets/sample.mp4', import.meta.url),
  '9:16': new URL('../../assets/sample-portrait.mp4', import.meta.url),
  '1:1': new URL('../../assets/sample-square.mp4', import.meta.url),
};
const samples = new Map<AspectRatio, Buffer>();

/** The aspect ratio a request asked for, landscape when it named none the sandbox knows. */
export function aspectRatioOf(value: unknown): AspectRatio {
  return value === '9:16' || value === '1:1' ? value : '16:9';
}

/** The sample MP4 in `aspect`, re-stamped to `seconds`. */
export function mp4OfDuration(seconds: number, aspect: AspectRatio = '16:9'): Buffer {
  let sample = samples.get(aspect);
  if (!sample) {
    sample = readFileSync(SAMPLE_FILES[aspect]);
    samples.set(aspect, sample);
  }
  return setMp4Duration(sample, seconds);
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
