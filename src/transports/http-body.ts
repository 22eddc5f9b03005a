/**
 * Reads a request body with a size limit, and refuses an oversized one so that the client actually
 * receives the 413. Most HTTP clients send the whole body before they read anything: if the server
 * answers and closes at once, the rest of the upload hits a closed socket and the client sees EPIPE
 * or a reset instead of the answer. So the 413 is written at once, the rest of the body is read and
 * thrown away up to a bound (past it the connection is cut), and only then is the connection closed.
 * A client that sent `Expect: 100-continue` gets the 413 instead of `100 Continue` and sends nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rpcErrorPayload } from './http-errors.js';

export interface BodyLimits {
  /** The largest body served. */
  maxBodyBytes: number;
  /** How much of an oversized body is read and discarded before the connection is cut. */
  discardBytes: number;
}

function tooLargeMessage(limits: BodyLimits): string {
  return `Payload Too Large: the request body must not exceed ${limits.maxBodyBytes} bytes`;
}

/** True when the request announces a body over the limit (Content-Length). */
export function declaresTooLarge(req: IncomingMessage, limits: BodyLimits): boolean {
  return Number(req.headers['content-length']) > limits.maxBodyBytes;
}

/**
 * Answers 413 to a client that is waiting for `100 Continue` before sending its body: it never
 * sends it, so there is nothing to discard; the connection closes after the answer.
 */
export function refuseBeforeContinue(res: ServerResponse, limits: BodyLimits): void {
  const payload = rpcErrorPayload(tooLargeMessage(limits));
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
  res.end(payload);
}

/**
 * Reads the body whole. Over the limit it answers 413 itself (see the module comment) and resolves
 * undefined, as it does when the client goes away mid-body.
 */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  limits: BodyLimits,
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      resolve(undefined);
      const payload = rpcErrorPayload(tooLargeMessage(limits));
      res.writeHead(413, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(payload)),
        connection: 'close',
      });
      // Written now for clients that read while they send; the response ends (and the connection
      // closes) once the upload has ended, so that nothing of it meets a closed socket.
      res.write(payload);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (refused) {
        if (received > limits.discardBytes) req.destroy();
        return;
      }
      if (received > limits.maxBodyBytes) return refuse();
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) res.end();
      else resolve(Buffer.concat(chunks, received));
    });
    req.on('close', () => {
      if (!req.complete) resolve(undefined);
    });
    // An upload cut short emits 'error' (ECONNRESET); 'close' above has settled the read by then.
    req.on('error', () => {});
    if (declaresTooLarge(req, limits)) refuse();
  });
}
