/**
 * The SDK's ServerEventBus across instances, over PostgreSQL LISTEN/NOTIFY: an event published here
 * reaches this instance's listeners at once and the other instances' through NOTIFY on a channel
 * named after the schema. Each payload carries this instance's id, so its own echo is not delivered
 * twice. NOTIFY payloads must stay under 8000 bytes: a larger event is parked in the store's expiring
 * values and the notification carries only its key.
 *
 * The LISTEN connection is one dedicated client (pool connections come and go); when it drops it is
 * opened again with backoff, and a heartbeat notices a connection that died silently. Events
 * published elsewhere while it is down are missed: they are change hints (list changed, resource
 * updated), and a client re-reads what it follows.
 */
import { createHash, randomUUID } from 'node:crypto';
import { InMemoryServerEventBus, type ServerEvent, type ServerEventBus } from '@modelcontextprotocol/server';
import type { Client, Notification, Pool } from 'pg';
import type { Logger } from '../log.js';
import type { MoneyStore } from './money-store.js';
import { type ConnectionOptions, clientConfig, loadPg } from './postgres-connection.js';
import { quoteIdent } from './postgres-migrations.js';

/** PostgreSQL's limit is 8000 bytes including the terminator; keep a margin. */
const MAX_PAYLOAD_BYTES = 7900;
const PARKED_NAMESPACE = 'server-event';
const PARKED_TTL_MS = 60 * 60_000;
const HEARTBEAT_MS = 30_000;
const MAX_BACKOFF_MS = 5000;

interface Wire {
  /** Publishing instance. */
  i: string;
  /** The event, or the key it is parked under. */
  e?: ServerEvent;
  p?: string;
}

export interface PostgresEventBusOptions {
  connection: ConnectionOptions;
  /** Publishes go through the pool. */
  pool: Pool;
  schema: string;
  /** Where events too large for a notification wait to be read. */
  store: Pick<MoneyStore, 'putValue' | 'getValue'>;
  logger: Logger;
}

export function eventChannel(schema: string): string {
  // A channel is one per database, not per schema, and at most 63 bytes: a digest of the schema.
  return `videogen_events_${createHash('sha256').update(schema).digest('hex').slice(0, 24)}`;
}

export class PostgresEventBus implements ServerEventBus {
  readonly instanceId = randomUUID();
  readonly channel: string;
  private readonly local: InMemoryServerEventBus;
  private listener?: Client;
  private readonly dropped = new WeakSet<Client>();
  private closed = false;
  private backoffMs = 100;
  private retry?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private listening!: Promise<void>;
  private markListening!: () => void;

  constructor(private readonly options: PostgresEventBusOptions) {
    this.channel = eventChannel(options.schema);
    this.local = new InMemoryServerEventBus((err) =>
      options.logger.warn(`change event listener: ${err.message}`),
    );
    this.resetListening();
  }

  private resetListening(): void {
    this.listening = new Promise((resolve) => {
      this.markListening = resolve;
    });
  }

  /** Resolves once notifications from other instances are being received (again, after a drop). */
  whenListening(): Promise<void> {
    return this.listening;
  }

  /** Opens the LISTEN connection; when the first attempt fails it keeps trying in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const pg = await loadPg();
    const client = new pg.Client(clientConfig(this.options.connection));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => this.receive(n));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(this.channel)}`);
    } catch (err) {
      this.lost(client, err);
      client.end().catch(() => undefined);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.backoffMs = 100;
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((err) => this.lost(client, err));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.markListening();
  }

  private lost(client: Client, err?: unknown): void {
    if (this.dropped.has(client)) return;
    this.dropped.add(client);
    if (this.listener === client) {
      this.listener = undefined;
      clearInterval(this.heartbeat);
      this.resetListening();
    }
    if (this.closed) return;
    const reason = err instanceof Error ? err.message : 'connection ended';
    this.options.logger.warn(
      `change events: the PostgreSQL listener connection is down (${reason}); retrying in ${this.backoffMs} ms`,
    );
    client.end().catch(() => undefined);
    this.retry = setTimeout(() => void this.connect(), this.backoffMs);
    this.retry.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  private receive(n: Notification): void {
    if (n.channel !== this.channel || !n.payload) return;
    let wire: Wire;
    try {
      wire = JSON.parse(n.payload) as Wire;
    } catch {
      return;
    }
    if (wire.i === this.instanceId) return; // delivered locally when published
    if (wire.e) {
      this.local.publish(wire.e);
      return;
    }
    if (typeof wire.p === 'string') {
      this.options.store.getValue(PARKED_NAMESPACE, wire.p).then(
        (json) => {
          if (json) this.local.publish(JSON.parse(json) as ServerEvent);
        },
        (err: Error) =>
          this.options.logger.warn(`change events: cannot read a parked event (${err.message})`),
      );
    }
  }

  publish(event: ServerEvent): void {
    this.local.publish(event);
    if (this.closed) return;
    const payload = JSON.stringify({ i: this.instanceId, e: event } satisfies Wire);
    const sent =
      Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES
        ? this.notify(payload)
        : this.park(event).then((key) =>
            this.notify(JSON.stringify({ i: this.instanceId, p: key } satisfies Wire)),
          );
    sent.catch((err: Error) =>
      this.options.logger.warn(`change events: not delivered to other instances (${err.message})`),
    );
  }

  private async park(event: ServerEvent): Promise<string> {
    const key = randomUUID();
    await this.options.store.putValue(PARKED_NAMESPACE, key, JSON.stringify(event), PARKED_TTL_MS);
    return key;
  }

  private async notify(payload: string): Promise<void> {
    await this.options.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    const client = this.listener;
    this.listener = undefined;
    if (client) {
      this.dropped.add(client);
      await client.end().catch(() => undefined);
    }
  }
}
