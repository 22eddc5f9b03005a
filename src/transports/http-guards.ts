/**
 * Checks every HTTP request passes before any MCP code sees it: Host and Origin against an allowlist
 * (DNS rebinding protection) and, when VIDEOGEN_HTTP_TOKEN is set, the bearer token.
 */
import { timingSafeEqual } from 'node:crypto';
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
    const auth = header(req, 'authorization') ?? '';
    const given = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
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
