/**
 * A scripted HTTP server on 127.0.0.1 standing in for a provider, with fault injection: each
 * request takes the next step of the script (answer, HTML page, hang, or a dropped connection).
 * Given a target, it is a fault-injecting front instead: requests are forwarded to the target, and a
 * step can act before forwarding (the provider never sees it) or after the target answered (the
 * provider acted on it; only the answer is lost or spoiled). Also builds the real HttpClient pointed
 * at it, with retry waits recorded instead of slept.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock } from '../../src/clock.js';
import { HttpClient, SAMAUTOMATION_AUTH, SAMSAR_AUTH } from '../../src/http/client.js';
import { createLogger } from '../../src/log.js';

/** The target's answer to a forwarded request. */
export interface TargetAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remotePort: number;
  /** Set when the request was forwarded to the target: what the target answered. */
  forwarded?: TargetAnswer;
}

/** An answer made here; with `forward`, the body may be built from the target's answer. */
export type Step = (
  | {
      status: number;
      json?: unknown;
      body?: string | ((a: TargetAnswer) => string);
      headers?: Record<string, string> | ((a: TargetAnswer) => http.OutgoingHttpHeaders);
    }
  | { drop: true }
  | { hangMs: number }
  /** The target's status and headers, part of its body, then nothing (a body that stalls). */
  | { stallBody: true }
  /** The target's answer, unchanged. */
  | { relay: true }
) & {
  /** Forward to the target first and act once it answered. */
  forward?: boolean;
  /** Wait this long (after forwarding, if it does) before acting: an answer that takes its time. */
  delayMs?: number;
};

export interface FakeUpstreamOptions {
  /** Origin to forward to (a front before the sandbox). */
  target?: string;
  /** Which requests take the script's steps; the others are relayed to the target untouched. */
  scripted?: (req: { method: string; path: string }) => boolean;
}

export interface FakeUpstream {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** The most scripted requests that were being answered at one time. */
  maxInFlight(): number;
  /** Steps answered in order; the last one repeats. */
  script(...steps: Step[]): void;
  close(): Promise<void>;
}

/** Sends a request on to the target and reads its whole answer. */
function forwardTo(target: string, req: http.IncomingMessage, body: string): Promise<TargetAnswer> {
  return new Promise((resolve, reject) => {
    const out = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** Headers of the target's answer that still hold once its body is sent again, whole or changed. */
export function relayHeaders(h: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const { 'transfer-encoding': _te, connection: _c, 'keep-alive': _k, 'content-length': _l, ...rest } = h;
  return rest;
}

export async function startFakeUpstream(port = 0, options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const seen: SeenRequest[] = [];
  let steps: Step[] = [options.target ? { relay: true, forward: true } : { status: 200, json: {} }];
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const record: SeenRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        remotePort: req.socket.remotePort ?? 0,
      };
      seen.push(record);
      const scripted = !options.scripted || options.scripted({ method: record.method, path: record.path });
      const step: Step = scripted
        ? steps[Math.min(next++, steps.length - 1)]!
        : { relay: true, forward: true };
      if (scripted) {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        res.on('close', () => inFlight--);
      }
      let answer: TargetAnswer | undefined;
      if (step.forward || 'relay' in step || 'stallBody' in step) {
        if (!options.target) throw new Error('a forwarding step needs a target');
        try {
          answer = await forwardTo(options.target, req, body);
        } catch {
          req.socket.destroy();
          return;
        }
        record.forwarded = answer;
      }
      if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      if ('drop' in step) {
        req.socket.destroy();
        return;
      }
      if ('hangMs' in step) {
        setTimeout(() => {
          if (!res.destroyed) res.end();
        }, step.hangMs).unref();
        return;
      }
      if ('relay' in step) {
        res.writeHead(answer!.status, relayHeaders(answer!.headers));
        res.end(answer!.body);
        return;
      }
      if ('stallBody' in step) {
        const full = Buffer.from(answer!.body);
        res.writeHead(answer!.status, { ...relayHeaders(answer!.headers), 'content-length': full.length });
        res.write(full.subarray(0, Math.ceil(full.length / 2)));
        return; // the rest never comes; close() ends the connection
      }
      const text =
        step.json !== undefined
          ? JSON.stringify(step.json)
          : typeof step.body === 'function'
            ? step.body(answer!)
            : (step.body ?? '');
      res.writeHead(step.status, {
        ...(step.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(typeof step.headers === 'function' ? step.headers(answer!) : step.headers),
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    seen,
    maxInFlight: () => maxInFlight,
    script: (...s) => {
      steps = s;
      next = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (for connection-refused cases). */
export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export const SAMSAR_KEY = 'sk-samsar-test-key-9f8e7d6c5b4a';
export const SAMAUTO_KEY = 'sa-auto-test-key-1a2b3c4d5e6f';

export interface TestClient {
  client: HttpClient;
  /** Every retry wait the client asked for, in ms. */
  waits: number[];
  logs: string[];
}

export function clientFor(
  baseUrl: string,
  opts: { responseTimeoutMs?: number; onWait?: (ms: number) => Promise<void> | void } = {},
): TestClient {
  const waits: number[] = [];
  const logs: string[] = [];
  const client = new HttpClient({
    endpoints: {
      samsar: { baseUrl: `${baseUrl}/v1`, apiKey: SAMSAR_KEY, authHeader: SAMSAR_AUTH },
      samautomation: { baseUrl, apiKey: SAMAUTO_KEY, authHeader: SAMAUTOMATION_AUTH },
    },
    connectTimeoutMs: 2000,
    responseTimeoutMs: opts.responseTimeoutMs ?? 5000,
    logger: createLogger('debug', (line) => logs.push(line)),
    clock: createClock(1),
    sleep: async (ms) => {
      waits.push(ms);
      await opts.onWait?.(ms);
    },
  });
  return { client, waits, logs };
}
