/**
 * A scripted HTTP server on 127.0.0.1 standing in for a provider, with fault injection: each
 * request takes the next step of the script (answer, HTML page, hang, or a dropped connection).
 * Also builds the real HttpClient pointed at it, with retry waits recorded instead of slept.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock } from '../../src/clock.js';
import { HttpClient, SAMAUTOMATION_AUTH, SAMSAR_AUTH } from '../../src/http/client.js';
import { createLogger } from '../../src/log.js';

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remotePort: number;
}

export type Step =
  | { status: number; json?: unknown; body?: string; headers?: Record<string, string> }
  | { drop: true }
  | { hangMs: number };

export interface FakeUpstream {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** Steps answered in order; the last one repeats. */
  script(...steps: Step[]): void;
  close(): Promise<void>;
}

export async function startFakeUpstream(port = 0): Promise<FakeUpstream> {
  const seen: SeenRequest[] = [];
  let steps: Step[] = [{ status: 200, json: {} }];
  let next = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        remotePort: req.socket.remotePort ?? 0,
      });
      const step = steps[Math.min(next++, steps.length - 1)]!;
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
      const text = step.json !== undefined ? JSON.stringify(step.json) : (step.body ?? '');
      res.writeHead(step.status, {
        ...(step.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...step.headers,
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
