/**
 * Walks ISO-BMFF (MP4) boxes. Only what reading and stamping the movie duration, and reading the
 * picture size, need.
 */

export interface Box {
  type: string;
  /** Offset of the box header within the buffer it was read from. */
  start: number;
  headerSize: number;
  /** Total size including the header; may reach past the buffer for a partial read. */
  size: number;
}

/** Reads the box header at `offset`, or undefined when fewer than 8 bytes remain. */
export function readBoxHeader(buf: Buffer, offset: number, containerEnd = buf.length): Box | undefined {
  if (offset + 8 > buf.length) return undefined;
  let size = buf.readUInt32BE(offset);
  const type = buf.toString('latin1', offset + 4, offset + 8);
  let headerSize = 8;
  if (size === 1) {
    if (offset + 16 > buf.length) return undefined;
    size = Number(buf.readBigUInt64BE(offset + 8));
    headerSize = 16;
  } else if (size === 0) {
    size = containerEnd - offset;
  }
  if (size < headerSize) throw new Error(`corrupt MP4: box '${type}' at ${offset} has size ${size}`);
  return { type, start: offset, headerSize, size };
}

/** The first child box of `type` inside the byte range [from, to). */
export function findBox(buf: Buffer, type: string, from = 0, to = buf.length): Box | undefined {
  let offset = from;
  while (offset < to) {
    const box = readBoxHeader(buf, offset, to);
    if (!box) return undefined;
    if (box.type === type) return box;
    offset += box.size;
  }
  return undefined;
}

export interface MovieHeader {
  timescale: number;
  duration: number;
  /** Offset of the duration field and its width in bytes. */
  durationOffset: number;
  durationBytes: 4 | 8;
}

/** Parses an mvhd box whose header starts at `box.start` in `buf`. */
export function parseMvhd(buf: Buffer, box: Box): MovieHeader {
  const p = box.start + box.headerSize;
  const version = buf.readUInt8(p);
  if (version === 1) {
    return {
      timescale: buf.readUInt32BE(p + 20),
      duration: Number(buf.readBigUInt64BE(p + 24)),
      durationOffset: p + 24,
      durationBytes: 8,
    };
  }
  return {
    timescale: buf.readUInt32BE(p + 12),
    duration: buf.readUInt32BE(p + 16),
    durationOffset: p + 16,
    durationBytes: 4,
  };
}

/** Every child box of `type` inside the byte range [from, to). */
export function findBoxes(buf: Buffer, type: string, from = 0, to = buf.length): Box[] {
  const found: Box[] = [];
  let offset = from;
  while (offset < to) {
    const box = readBoxHeader(buf, offset, to);
    if (!box) break;
    if (box.type === type) found.push(box);
    offset += box.size;
  }
  return found;
}

/** Width and height (pixels) a track header declares: 16.16 fixed point after the matrix. */
export function parseTkhd(buf: Buffer, box: Box): { width: number; height: number } {
  const p = box.start + box.headerSize;
  // version 1 carries 64-bit times and duration: 12 more bytes before the fixed fields.
  const at = p + (buf.readUInt8(p) === 1 ? 88 : 76);
  return { width: buf.readUInt32BE(at) / 65536, height: buf.readUInt32BE(at + 4) / 65536 };
}
