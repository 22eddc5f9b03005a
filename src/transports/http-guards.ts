/**
 * Checks every HTTP request passes before any MCP code sees it: Host and Origin against an allowlist
 * (DNS rebinding protection) and, when tokens are configured (VIDEOGEN_HTTP_TOKEN or
 * VIDEOGEN_HTTP_TOKENS), the bearer token, which names the principal the request comes from.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type AuthInfo, validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import type { Principal } from '../config-principals.js';

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

/** A fixed-length digest, so the compare takes the same time whatever the lengths. */
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The principal whose token was sent, compared in constant time against every token (never stopping
 * at the first match, so the time says nothing about which one or how much of it matched).
 */
export function authenticate(req: IncomingMessage, principals: readonly Principal[]): Principal | undefined {
  const given = bearer(req);
  if (!given) return undefined;
  const mine = digest(given);
  let found: Principal | undefined;
  for (const p of principals) {
    if (timingSafeEqual(mine, digest(p.token)) && !found) found = p;
  }
  return found;
}

/** Why a request is refused, or the principal it comes from (none when no token is asked). */
export function checkRequest(
  req: IncomingMessage,
  allowed: readonly string[],
  principals: readonly Principal[],
): Rejection | { principal?: Principal } {
  const host = validateHostHeader(header(req, 'host'), [...allowed]);
  if (!host.ok) return { status: 403, message: `Forbidden: ${host.message}` };
  const origin = validateOriginHeader(header(req, 'origin'), [...allowed]);
  if (!origin.ok) return { status: 403, message: `Forbidden: ${origin.message}` };
  if (principals.length === 0) return {};
  const principal = authenticate(req, principals);
  if (principal) return { principal };
  return {
    status: 401,
    message:
      'Unauthorized: send Authorization: Bearer <your token> (VIDEOGEN_HTTP_TOKEN or VIDEOGEN_HTTP_TOKENS)',
    headers: { 'www-authenticate': 'Bearer realm="videogen-mcp"' },
  };
}

export function isRejection(check: Rejection | { principal?: Principal }): check is Rejection {
  return 'status' in check;
}

/**
 * Who a request that passed `checkRequest` comes from, for the per-client share of the session cap
 * (session-share.ts): its principal's name when tokens are required (a verified one only: a client
 * could make up a new token per session), else the client address.
 */
export function principalKey(req: IncomingMessage, principal: Principal | undefined): string {
  return principal ? `principal:${principal.name}` : `address:${req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * What tools read as `ctx.http.authInfo` (the SDK passes it through unchanged): the principal's name
 * as the client id. The token itself stays here.
 */
export function authInfoOf(principal: Principal): AuthInfo {
  return { token: '', clientId: principal.name, scopes: [] };
}
