/**
 * 2025-era HTTP clients keep a session (initialize, then mcp-session-id on every request) so that
 * server-to-client requests (elicitation), progress and cancellation reach them. One MCP server and
 * one transport per session; idle sessions expire and their number is capped.
 */
import { randomUUID } from 'node:crypto';
import {
  isInitializeRequest,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { Clock } from '../clock.js';

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

export interface SessionStoreOptions {
  createServer: () => McpServer;
  maxSessions: number;
  idleMs: number;
  maxBodyBytes: number;
  /** Simulated time, so tests can run the idle expiry with VIDEOGEN_TIME_SCALE. */
  clock: Clock;
  onerror: (err: Error) => void;
}

export function jsonRpcError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }, { status, headers });
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: SessionStoreOptions) {
    // Sweep a few times per idle period (in real time), at least every minute.
    const realIdleMs = options.idleMs / options.clock.scale;
    this.sweeper = setInterval(() => void this.expireIdle(), Math.min(60_000, Math.max(20, realIdleMs / 4)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  async handle(request: Request): Promise<Response> {
    const id = request.headers.get('mcp-session-id');
    if (id) {
      const session = this.sessions.get(id);
      if (!session)
        return jsonRpcError(404, 'Session not found: it expired or was closed; initialize again.');
      session.lastSeen = this.options.clock.simNow();
      return session.transport.handleRequest(request);
    }
    if (request.method !== 'POST') {
      return jsonRpcError(405, 'Method not allowed without an mcp-session-id.', { allow: 'POST' });
    }
    const body = await request
      .clone()
      .json()
      .catch(() => undefined);
    if (!isInitializeRequest(body)) {
      return jsonRpcError(400, 'Bad Request: no mcp-session-id; send initialize first.');
    }
    if (this.sessions.size >= this.options.maxSessions) {
      return jsonRpcError(503, 'Too many open sessions; try again later.', { 'retry-after': '30' });
    }
    return this.open(request, body);
  }

  private async open(request: Request, body: unknown): Promise<Response> {
    const server = this.options.createServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.options.maxBodyBytes,
      onsessioninitialized: (sid) => {
        this.sessions.set(sid, { transport, server, lastSeen: this.options.clock.simNow() });
      },
      onsessionclosed: (sid) => {
        this.sessions.delete(sid);
      },
    });
    transport.onerror = this.options.onerror;
    transport.onclose = () => {
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    return transport.handleRequest(request, { parsedBody: body });
  }

  private async expireIdle(): Promise<void> {
    const cutoff = this.options.clock.simNow() - this.options.idleMs;
    for (const [id, s] of this.sessions) {
      if (s.lastSeen < cutoff) await this.closeOne(id, s);
    }
  }

  private async closeOne(id: string, s: Session): Promise<void> {
    this.sessions.delete(id);
    await s.transport.close().catch(() => {});
    await s.server.close().catch(() => {});
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions].map(([id, s]) => this.closeOne(id, s)));
  }
}
