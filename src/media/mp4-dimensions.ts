/**
 * The picture size of an MP4: the width and height of its video track's header, from a buffer that
 * holds the whole file or at least the whole moov box at top level. Tells a portrait video from a
 * landscape one without decoding anything.
 */
import { findBox, findBoxes, parseTkhd } from './mp4-boxes.js';

export interface Mp4Dimensions {
  width: number;
  height: number;
}

/** The first track whose handler is 'vide', or failing that the first with a picture size. */
export function readMp4Dimensions(buf: Buffer): Mp4Dimensions | undefined {
  const moov = findBox(buf, 'moov');
  if (!moov) return undefined;
  const end = Math.min(buf.length, moov.start + moov.size);
  let fallback: Mp4Dimensions | undefined;
  for (const trak of findBoxes(buf, 'trak', moov.start + moov.headerSize, end)) {
    const inside = [trak.start + trak.headerSize, Math.min(end, trak.start + trak.size)] as const;
    const tkhd = findBox(buf, 'tkhd', ...inside);
    if (!tkhd) continue;
    const size = parseTkhd(buf, tkhd);
    const mdia = findBox(buf, 'mdia', ...inside);
    const hdlr = mdia && findBox(buf, 'hdlr', mdia.start + mdia.headerSize, mdia.start + mdia.size);
    // hdlr: version/flags (4), pre_defined (4), then the handler type.
    const handler =
      hdlr && buf.toString('latin1', hdlr.start + hdlr.headerSize + 8, hdlr.start + hdlr.headerSize + 12);
    if (handler === 'vide') return size;
    if (!fallback && size.width > 0 && size.height > 0) fallback = size;
  }
  return fallback;
}
