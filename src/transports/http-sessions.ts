/**
 * 2025-era HTTP clients keep a session (initialize, then mcp-session-id on every request) so that
 * server-to-client requests (elicitation), progress and cancellation reach them. One MCP server and
 * one transport per session. Idle sessions expire; at the cap the least recently used idle one
 * gives way to a new client (src/transports/session-share.ts); a session with a request or an SSE
 * stream open is never closed under it. DELETE with the session id ends a session (the SDK's
 * transport answers it); a closed, expired or evicted session's id gets 404, so the client starts
 * a new one, and so does the id of a session another instance holds (2025-era clients need affinity
 * to one instance) or another principal opened. JSON-RPC batches are refused where the session's
 * protocol version removed them.
 */
import { randomUUID } from 'node:crypto';
import {
  type AuthInfo,
  DEFAULT_NEGOTIATED_PROTOCOL_VERSION,
  isInitializeRequest,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { jsonRpcError, RPC } from './http-errors.js';
import { chooseEviction, type HeldSession } from './session-share.js';

interface Session extends HeldSession {
  /** The principal that opened it: only that principal's requests reach it. */
  readonly principal?: string;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly server: McpServer;
  /** Simulated time of the last request's start or end, for the idle expiry. */
  lastSeen: number;
  busy: number;
}

export interface SessionStoreOptions {
  createServer: () => McpServer;
  maxSessions: number;
  idleMs: number;
  maxBodyBytes: number;
  /** Simulated time, so tests can run the idle expiry with VIDEOGEN_TIME_SCALE. */
  clock: Clock;
  logger: Logger;
  onerror: (err: Error) => void;
}

export interface SessionRequest {
  /** Who sent it (http-guards.ts principalKey), for the per-client share of the cap. */
  key: string;
  /** The principal its token names, when tokens are required. */
  principal?: string;
  /** The body, already parsed by the HTTP server. */
  parsedBody: unknown;
  /** What the session's tools read as ctx.http.authInfo for this request. */
  authInfo?: AuthInfo;
}

/** The revision that removed JSON-RPC batching (2025-03-26 had introduced it). */
const BATCHES_REMOVED_IN = '2025-06-18';

export class SessionStore {
  /** In least-recently-used order: every request moves its session to the end. */
  private readonly sessions = new Map<string, Session>();
  /** Initializes under way: counted against the cap before their session exists. */
  private opening = 0;
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

  async handle(request: Request, sent: SessionRequest): Promise<Response> {
    const { key, parsedBody } = sent;
    const id = request.headers.get('mcp-session-id');
    const held = id ? this.sessions.get(id) : undefined;
    // Another principal's session is answered as one this instance does not hold (its id says nothing).
    const session = held && held.principal === sent.principal ? held : undefined;
    if (id && !session)
      return jsonRpcError(404, 'Session not found: it expired or was closed; initialize again.');
    if (Array.isArray(parsedBody)) {
      const refusal = refuseBatch(request, session);
      if (refusal) return refusal;
    }
    if (session) return this.serve(session, request, sent);
    if (request.method !== 'POST') {
      return jsonRpcError(405, 'Method not allowed without an mcp-session-id.', { allow: 'POST' });
    }
    if (!isInitializeRequest(parsedBody)) {
      return jsonRpcError(400, 'Bad Request: no mcp-session-id; send initialize first.');
    }
    const full = this.makeRoom(key);
    if (full) return full;
    return this.open(request, sent);
  }

  /** At the cap, closes the session that gives way, or answers 503 when none can. */
  private makeRoom(key: string): Response | undefined {
    if (this.sessions.size + this.opening < this.options.maxSessions) return undefined;
    const choice = chooseEviction([...this.sessions.values()], key, this.options.maxSessions);
    if (choice.kind === 'refuse') {
      const message = choice.ownShare
        ? 'Too many open sessions from this client, all busy: end one (DELETE) or try again later.'
        : 'Too many open sessions, all busy; try again later.';
      this.options.logger.info(`http: 503 initialize: ${message}`);
      return jsonRpcError(503, message, { 'retry-after': '30' });
    }
    // debug, not info: a client that opens sessions in a loop would otherwise flood the log
    this.options.logger.debug('http: session cap reached; closed the least recently used idle session');
    void this.closeOne(choice.session);
    return undefined;
  }

  private async serve(session: Session, request: Request, sent: SessionRequest): Promise<Response> {
    this.begin(session);
    try {
      const response = await session.transport.handleRequest(request, {
        parsedBody: sent.parsedBody,
        authInfo: sent.authInfo,
      });
      return whenSettled(response, request.signal, () => this.end(session));
    } catch (err) {
      this.end(session);
      throw err;
    }
  }

  private async open(request: Request, sent: SessionRequest): Promise<Response> {
    const { key, principal } = sent;
    const server = this.options.createServer();
    let session: Session | undefined;
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.options.maxBodyBytes,
      onsessioninitialized: (id) => {
        // Busy from the start: its initialize is the request under way.
        session = { id, key, principal, transport, server, lastSeen: this.options.clock.simNow(), busy: 1 };
        this.sessions.set(id, session);
      },
      onsessionclosed: (id) => {
        this.sessions.delete(id);
      },
    });
    transport.onerror = this.options.onerror;
    transport.onclose = () => {
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
    };
    this.opening++;
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(request, {
        parsedBody: sent.parsedBody,
        authInfo: sent.authInfo,
      });
      return session ? whenSettled(response, request.signal, () => this.end(session!)) : response;
    } finally {
      this.opening--;
    }
  }

  private begin(session: Session): void {
    session.busy++;
    this.touch(session);
  }

  private end(session: Session): void {
    session.busy--;
    this.touch(session);
  }

  /** Marks a session used now: its idle time restarts and it moves to the back of the LRU order. */
  private touch(session: Session): void {
    session.lastSeen = this.options.clock.simNow();
    if (this.sessions.delete(session.id)) this.sessions.set(session.id, session);
  }

  private async expireIdle(): Promise<void> {
    const cutoff = this.options.clock.simNow() - this.options.idleMs;
    for (const s of [...this.sessions.values()]) {
      if (s.busy === 0 && s.lastSeen < cutoff) await this.closeOne(s);
    }
  }

  private async closeOne(s: Session): Promise<void> {
    this.sessions.delete(s.id);
    await s.transport.close().catch(() => {});
    await s.server.close().catch(() => {});
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.values()].map((s) => this.closeOne(s)));
  }
}

/**
 * 2025-03-26 allowed a POST body to be a JSON-RPC batch; 2025-06-18 removed batching, and the spec
 * then requires a single message per POST (an error status, optionally a JSON-RPC error without id,
 * otherwise). The SDK's transport serves batches whatever the version, so they are refused here
 * when the request's MCP-Protocol-Version header, or else the version its session negotiated, is
 * 2025-06-18 or later (which includes the 2026 revisions). Without either, the spec says to assume
 * 2025-03-26, which had batches.
 */
function refuseBatch(request: Request, session: Session | undefined): Response | undefined {
  const version =
    request.headers.get('mcp-protocol-version')?.trim() ||
    session?.server.server.getNegotiatedProtocolVersion() ||
    DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
  if (version < BATCHES_REMOVED_IN) return undefined;
  return jsonRpcError(
    400,
    `Invalid Request: JSON-RPC batches were removed in protocol version ${BATCHES_REMOVED_IN} and this request is ${version}; send one message per POST.`,
    {},
    RPC.invalidRequest,
  );
}

/**
 * Calls `done` once the response is over: its body read to the end, cancelled (the client went
 * away), or the request aborted. An SSE response stays open as long as its stream does.
 */
function whenSettled(response: Response, signal: AbortSignal, done: () => void): Response {
  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    signal.removeEventListener('abort', settle);
    done();
  };
  if (!response.body || signal.aborted) {
    settle();
    return response;
  }
  signal.addEventListener('abort', settle, { once: true });
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) {
          settle();
          controller.close();
        } else controller.enqueue(next.value);
      } catch (err) {
        settle();
        controller.error(err);
      }
    },
    cancel(reason) {
      settle();
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
