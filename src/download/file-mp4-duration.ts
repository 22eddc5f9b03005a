/**
 * Duration of a saved MP4 from its movie header, reading only box headers and the moov box from
 * disk (never the media data). Undefined when the file is not an MP4 with a readable header.
 */
import { open } from 'node:fs/promises';
import { readBoxHeader } from '../media/mp4-boxes.js';
import { readMoovDuration } from '../media/mp4-duration.js';

const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const MAX_BOXES = 200;

export async function readFileMp4Duration(file: string): Promise<number | undefined> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(16);
    let offset = 0;
    for (let i = 0; i < MAX_BOXES && offset + 8 <= size; i++) {
      const { bytesRead } = await fh.read(head, 0, 16, offset);
      const box = readBoxHeader(head.subarray(0, bytesRead), 0, size - offset);
      if (!box) return undefined;
      if (box.type === 'moov') {
        if (box.size > MAX_MOOV_BYTES) return undefined;
        const moov = Buffer.alloc(box.size);
        await fh.read(moov, 0, box.size, offset);
        const seconds = readMoovDuration(moov);
        return Number.isFinite(seconds) ? Math.round(seconds * 1000) / 1000 : undefined;
      }
      offset += box.size;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    await fh.close();
  }
}
