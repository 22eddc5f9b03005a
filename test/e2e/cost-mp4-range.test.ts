/**
 * Reading a remote MP4's duration with range requests, with the movie header at the start or at the
 * end of the file (behind a large mdat), without downloading the media data. The file host is a
 * local server on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMp4Duration } from '../../src/media/mp4-duration.js';
import { readRemoteMp4Duration } from '../../src/media/remote-mp4-duration.js';
import { serveBytes } from '../../src/sandbox/files.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const sample = setMp4Duration(readFileSync(new URL('../../assets/sample.mp4', import.meta.url)), 42.5);

function topBoxes(buf: Buffer): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (let o = 0; o < buf.length; ) {
    const size = buf.readUInt32BE(o);
    out[buf.toString('latin1', o + 4, o + 8)] = buf.subarray(o, o + size);
    o += size;
  }
  return out;
}

function box(type: string, payloadSize: number, largesize = false): Buffer {
  const header = Buffer.alloc(largesize ? 16 : 8);
  header.write(type, 4, 'latin1');
  if (largesize) {
    header.writeUInt32BE(1, 0);
    header.writeBigUInt64BE(BigInt(16 + payloadSize), 8);
  } else header.writeUInt32BE(8 + payloadSize, 0);
  return Buffer.concat([header, Buffer.alloc(payloadSize)]);
}

const { ftyp, moov } = topBoxes(sample);
const MDAT = 8 * 1024 * 1024;
const files: Record<string, Buffer> = {
  'start.mp4': Buffer.concat([ftyp!, moov!, box('mdat', MDAT)]),
  'end.mp4': Buffer.concat([ftyp!, box('free', 100), box('mdat', MDAT), moov!]),
  'end-largesize.mp4': Buffer.concat([ftyp!, box('mdat', MDAT, true), moov!]),
  'no-moov.mp4': Buffer.concat([ftyp!, box('mdat', 1000)]),
};

describe('remote MP4 duration', () => {
  let server: Server;
  let base = '';
  let served = 0;
  let h: Harness;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const data = files[req.url!.slice(1)];
      if (!data) return res.writeHead(404).end();
      const out = serveBytes(data, req.headers.range);
      served += out.raw?.length ?? 0;
      res.writeHead(out.status, out.headers).end(out.raw);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
    server.closeAllConnections();
    server.close();
  });

  it.each(['start.mp4', 'end.mp4', 'end-largesize.mp4'])('reads %s without the media data', async (name) => {
    served = 0;
    expect(await readRemoteMp4Duration(h.app.deps.http, `${base}/${name}`)).toBeCloseTo(42.5, 3);
    expect(served).toBeLessThan(256 * 1024);
  });

  it('says so when the file has no movie header', async () => {
    await expect(readRemoteMp4Duration(h.app.deps.http, `${base}/no-moov.mp4`)).rejects.toThrow(/no moov/);
  });
});
