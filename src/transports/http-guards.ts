/**
 * Checks every HTTP request passes before any MCP code sees it: Host and Origin against an allowlist
 * (DNS rebinding protection) and, when VIDEOGEN_HTTP_TOKEN is set, the bearer token; and who a
 * request that passed comes from (`principalKey`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export interface Rejection {
  status: 401 | 403;
  message: string;
  headers?: Record<string, string>;
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Loopback names, the configured extras, and the bind address itself when it is a concrete one. */
export function allowedHostnames(bindHost: string, extra: readonly string[]): string[] {
  const names = new Set([...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())]);
  if (!['0.0.0.0', '::', ''].includes(bindHost))
    names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  return [...names];
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1]?.trim();
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkRequest(
  req: IncomingMessage,
  allowed: readonly string[],
  token: string | undefined,
): Rejection | undefined {
  const host = validateHostHeader(header(req, 'host'), [...allowed]);
  if (!host.ok) return { status: 403, message: `Forbidden: ${host.message}` };
  const origin = validateOriginHeader(header(req, 'origin'), [...allowed]);
  if (!origin.ok) return { status: 403, message: `Forbidden: ${origin.message}` };
  if (token) {
    const given = bearer(req);
    if (!given || !sameSecret(given, token)) {
      return {
        status: 401,
        message: 'Unauthorized: send Authorization: Bearer <VIDEOGEN_HTTP_TOKEN>',
        headers: { 'www-authenticate': 'Bearer realm="videogen-mcp"' },
      };
    }
  }
  return undefined;
}

/**
 * Who a request that passed `checkRequest` comes from, for the per-client share of the session cap
 * (session-share.ts): its bearer token when tokens are required (as a hash, so the key can be held
 * and compared without holding the secret), else the client address. An unverified token is never
 * used: a client could make up a new one per session. A principal's name can take the hash's place.
 */
export function principalKey(req: IncomingMessage, token: string | undefined): string {
  const given = token ? bearer(req) : undefined;
  if (given) return `token:${createHash('sha256').update(given).digest('hex').slice(0, 16)}`;
  return `address:${req.socket.remoteAddress ?? 'unknown'}`;
}
