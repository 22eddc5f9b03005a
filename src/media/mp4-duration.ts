/**
 * Duration of an MP4 from its movie header, for a whole file in memory or for the moov box alone,
 * and a way to stamp a new duration (the sandbox serves one sample at every session's length).
 */
import { type Box, findBox, parseMvhd } from './mp4-boxes.js';

function mvhdIn(buf: Buffer, moov: Box): Box {
  const mvhd = findBox(
    buf,
    'mvhd',
    moov.start + moov.headerSize,
    Math.min(buf.length, moov.start + moov.size),
  );
  if (!mvhd) throw new Error('MP4 has no mvhd box in its moov');
  return mvhd;
}

/** Seconds, from a buffer holding the whole file or at least the whole moov box at top level. */
export function readMp4Duration(buf: Buffer): number {
  const moov = findBox(buf, 'moov');
  if (!moov) throw new Error('MP4 has no moov box');
  const header = parseMvhd(buf, mvhdIn(buf, moov));
  if (!header.timescale) throw new Error('MP4 movie header has timescale 0');
  return header.duration / header.timescale;
}

/** Seconds, from a buffer that starts with the moov box itself. */
export function readMoovDuration(moovBuf: Buffer): number {
  return readMp4Duration(moovBuf);
}

/** A copy of `buf` whose movie header says `seconds`. */
export function setMp4Duration(buf: Buffer, seconds: number): Buffer {
  const out = Buffer.from(buf);
  const moov = findBox(out, 'moov');
  if (!moov) throw new Error('MP4 has no moov box');
  const header = parseMvhd(out, mvhdIn(out, moov));
  const value = Math.round(seconds * header.timescale);
  if (header.durationBytes === 8) out.writeBigUInt64BE(BigInt(value), header.durationOffset);
  else out.writeUInt32BE(value, header.durationOffset);
  return out;
}
