/**
 * An oversized body gets a 413 the client actually receives, whichever way the client sends it:
 * all of it before reading (node:http, a raw socket), chunked, or after `Expect: 100-continue`
 * (which must not be answered with 100 Continue); past the discard bound the upload is cut. Each
 * against the real HTTP transport, with raw requests.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/transports/http-server.js';
import {
  connectClient,
  type HttpHarness,
  openRawSession,
  rawSessionRequest,
  startHttpHarness,
} from '../helpers/http-server.js';

const DISCARD_BYTES = 8 * 1024 * 1024;

function toolCall(padBytes: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'samsar_list_models', arguments: { pad: 'x'.repeat(padBytes) } },
  });
}
const FIVE_MB = toolCall(5 * 1024 * 1024);

interface Outcome {
  status?: number;
  headers?: http.IncomingHttpHeaders;
  body: string;
  sawContinue: boolean;
  /** Errors on the request or its socket, collected until the socket closed. */
  errors: string[];
}

/**
 * Sends with node:http and waits until the connection is gone, so an EPIPE or reset after the
 * answer is seen too. `send` writes the body; with `continue` it waits for 100 Continue first.
 */
function send(
  url: string,
  headers: Record<string, string>,
  write: (req: http.ClientRequest) => void,
  { waitForContinue = false } = {},
): Promise<Outcome> {
  const u = new URL(url);
  const out: Outcome = { body: '', sawContinue: false, errors: [] };
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        out.status = res.statusCode;
        out.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (c: string) => (out.body += c));
        res.on('error', (e: NodeJS.ErrnoException) => out.errors.push(e.code ?? e.message));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => out.errors.push(e.code ?? e.message));
    req.on('continue', () => {
      out.sawContinue = true;
      if (waitForContinue) write(req);
    });
    // The socket, not the request: a reset can come after the answer has been read.
    req.on('socket', (socket) => {
      socket.on('error', (e: NodeJS.ErrnoException) => out.errors.push(`socket ${e.code ?? e.message}`));
      socket.on('close', () => resolve(out));
    });
    if (!waitForContinue) write(req);
  });
}

function expect413(out: Outcome) {
  expect(out.errors).toEqual([]);
  expect(out.status).toBe(413);
  expect(out.headers?.connection).toBe('close');
  const body = JSON.parse(out.body) as { error: { code: number; message: string } };
  expect(body.error.message).toContain(`${MAX_BODY_BYTES} bytes`);
}

describe('HTTP request body limit', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({}, '127.0.0.1', { discardBodyBytes: DISCARD_BYTES });
  });
  afterAll(() => h.close());

  it('answers 413 to a node:http client that writes a 5 MB body before reading, with no EPIPE', async () => {
    const out = await send(h.url, { 'content-length': String(Buffer.byteLength(FIVE_MB)) }, (req) =>
      req.end(FIVE_MB),
    );
    expect413(out);
  });

  it('answers 413 to a raw socket that sends the whole request before it reads a byte', async () => {
    const u = new URL(h.url);
    const head = [
      `POST ${u.pathname} HTTP/1.1`,
      `Host: ${u.host}`,
      'Content-Type: application/json',
      'Accept: application/json, text/event-stream',
      `Content-Length: ${Buffer.byteLength(FIVE_MB)}`,
      '',
      '',
    ].join('\r\n');
    const result = await new Promise<{ text: string; errors: string[] }>((resolve) => {
      const errors: string[] = [];
      const socket = net.connect(Number(u.port), u.hostname);
      socket.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
      let text = '';
      socket.on('close', () => resolve({ text, errors }));
      socket.write(head + FIVE_MB, () => {
        // Only now, with everything handed to the kernel, does it start reading.
        socket.setEncoding('utf8');
        socket.on('data', (c: string) => (text += c));
      });
    });
    expect(result.errors).toEqual([]);
    expect(result.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.text.toLowerCase()).toContain('connection: close');
    expect(result.text).toContain('Payload Too Large');
  });

  it('answers 413 to a chunked upload that passes the limit (no Content-Length)', async () => {
    const chunk = 'x'.repeat(256 * 1024);
    const out = await send(h.url, {}, (req) => {
      req.write(FIVE_MB.slice(0, 100));
      for (let sent = 0; sent < 5 * 1024 * 1024; sent += chunk.length) req.write(chunk);
      req.end('"}}}');
    });
    expect413(out);
  });

  it('answers 413 without 100 Continue to a client that announces a 5 MB body and waits', async () => {
    const out = await send(
      h.url,
      { 'content-length': String(Buffer.byteLength(FIVE_MB)), expect: '100-continue' },
      (req) => req.end(FIVE_MB),
      { waitForContinue: true },
    );
    expect(out.sawContinue).toBe(false);
    expect413(out);
  });

  it('still says 100 Continue to a client that announces a body within the limit, and serves it', async () => {
    const init = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'curl-like', version: '1' },
      },
    });
    const out = await send(
      h.url,
      { 'content-length': String(Buffer.byteLength(init)), expect: '100-continue' },
      (req) => req.end(init),
      { waitForContinue: true },
    );
    expect(out.errors).toEqual([]);
    expect(out.sawContinue).toBe(true);
    expect(out.status).toBe(200);
    expect(out.headers?.['mcp-session-id']).toBeTruthy();
  });

  it('serves a 3 MB tool call (under the limit)', async () => {
    const id = await openRawSession(h.url);
    const r = await rawSessionRequest(h.url, id, JSON.parse(toolCall(3 * 1024 * 1024)));
    // Answered by the tool itself (which refuses the unknown argument): the transport took it whole.
    expect(r.status).toBe(200);
    expect(r.body).toContain('"result"');
    expect(r.body).toContain('pad: unknown key');
  });

  it('cuts an oversized upload that goes on past the discard bound, and keeps serving others', async () => {
    // A raw socket that announces 64 MB and keeps sending whatever the server answers.
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 0x78);
    const u = new URL(h.url);
    const head = `POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`;
    const result = await new Promise<{ written: number; text: string }>((resolve) => {
      let written = 0;
      let text = '';
      const socket = net.connect(Number(u.port), u.hostname);
      socket.setEncoding('utf8');
      socket.on('data', (c: string) => (text += c));
      socket.on('error', () => {});
      socket.on('close', () => resolve({ written, text }));
      socket.write(head);
      const pump = () => {
        while (written < total && !socket.destroyed) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    expect(result.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.written).toBeLessThan(total);
    expect(result.written).toBeGreaterThanOrEqual(DISCARD_BYTES);
    const c = await connectClient(h.url, '2025');
    expect((await c.callTool('samsar_list_models')).isError).toBeFalsy();
    await c.close();
  });
});
