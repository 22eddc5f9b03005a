/**
 * Duration of a remote MP4 read with HTTP range requests: walks the top-level boxes by their headers
 * and fetches only the moov box, wherever it sits (start or end of the file). Never downloads the
 * media data.
 */
import type { HttpClient } from '../http/client.js';
import { readBoxHeader } from './mp4-boxes.js';
import { readMoovDuration } from './mp4-duration.js';

const PROBE_BYTES = 64 * 1024;
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const MAX_BOXES = 200;

/** Reads bytes [start, start+length) with a Range request; a short answer means the file ended. */
async function readRange(
  http: HttpClient,
  url: string,
  start: number,
  length: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  const res = await http.getRaw(url, { headers: { range: `bytes=${start}-${start + length - 1}` }, signal });
  if (res.statusCode === 416) {
    await res.body.dump();
    return Buffer.alloc(0);
  }
  if (res.statusCode === 200 && start > 0) {
    res.body.destroy();
    throw new Error(
      `${new URL(url).host} does not honour range requests; the duration cannot be read without downloading the whole video`,
    );
  }
  if (res.statusCode !== 206 && res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`reading the video answered HTTP ${res.statusCode}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= length) break;
  }
  res.body.destroy();
  return Buffer.concat(chunks).subarray(0, length);
}

export async function readRemoteMp4Duration(
  http: HttpClient,
  url: string,
  signal?: AbortSignal,
): Promise<number> {
  let offset = 0;
  for (let i = 0; i < MAX_BOXES; i++) {
    const head = await readRange(http, url, offset, PROBE_BYTES, signal);
    if (head.length < 8) break;
    const box = readBoxHeader(head, 0, Number.MAX_SAFE_INTEGER);
    if (!box) break;
    if (box.type === 'moov') {
      const size = box.size >= Number.MAX_SAFE_INTEGER - offset ? MAX_MOOV_BYTES : box.size;
      if (size > MAX_MOOV_BYTES) throw new Error('MP4 moov box is implausibly large');
      const moov =
        size <= head.length ? head.subarray(0, size) : await readRange(http, url, offset, size, signal);
      return readMoovDuration(moov);
    }
    if (box.size >= Number.MAX_SAFE_INTEGER - offset) break; // a box that runs to the end: no moov after it
    offset += box.size;
  }
  throw new Error('MP4 has no moov box');
}
