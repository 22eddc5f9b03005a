/**
 * How the sandbox calls back when a render ends, for both APIs: a delivery goes only to a loopback
 * URL (tests, local tools; any other URL is left alone, as if delivered elsewhere), at the moment
 * VIDEOGEN_SANDBOX_CALLBACKS says (on: as the render ends; late: five simulated minutes after, past the first safety-net check; twice:
 * the same delivery again a simulated second later; never), and each is recorded with the simulated
 * time it was sent and what the receiver answered, so tests see the callback path and the polling
 * one, and can replay a delivery as an attacker would.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../clock.js';
import type { SandboxCallbackMode } from '../config.js';

export const LATE_MS = 300_000;
export const TWICE_GAP_MS = 1000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface CallbackDelivery {
  provider: 'samsar' | 'samautomation';
  /** The job it is about. */
  id: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Simulated time it was sent. */
  sentAt: number;
  /** The receiver's answer, once it came (undefined: none yet, or the receiver was gone). */
  status?: number;
  responseHeaders?: IncomingHttpHeaders;
}

export class CallbackLog {
  readonly entries: CallbackDelivery[] = [];
  /** Set when the sandbox closes: nothing planned is sent after that. */
  closed = false;
  add(d: CallbackDelivery): void {
    this.entries.push(d);
    if (this.entries.length > 5000) this.entries.shift();
  }
  /** Settles once every delivery sent so far has been answered (or has failed). */
  readonly pending = new Set<Promise<void>>();
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}

export function isLoopbackUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string') return false;
  try {
    return LOOPBACK.has(new URL(raw).hostname);
  } catch {
    return false;
  }
}

/** A delivery, built when it is due: undefined when the job ended in a way that calls nobody back. */
export type BuildDelivery = () => { headers: Record<string, string>; body: string } | undefined;

export interface CallbackSchedulerOptions {
  clock: Clock;
  mode: SandboxCallbackMode;
  log: CallbackLog;
  /** The simulated now of the API's state (Samsar's can be stepped forward). */
  now?: () => number;
}

interface Planned {
  provider: CallbackDelivery['provider'];
  id: string;
  url: string;
  /** Simulated time the delivery is due. */
  at: number;
  build: BuildDelivery;
  timer?: NodeJS.Timeout;
}

export class CallbackScheduler {
  private readonly planned = new Set<Planned>();
  private readonly now: () => number;

  constructor(private readonly o: CallbackSchedulerOptions) {
    this.now = o.now ?? (() => o.clock.simNow());
  }

  /** Plans the callback of job `id` to `url` for when it ends (`endsAt`, simulated). */
  schedule(
    provider: Planned['provider'],
    id: string,
    url: unknown,
    endsAt: number,
    build: BuildDelivery,
  ): void {
    if (this.o.mode === 'never' || !isLoopbackUrl(url)) return;
    const p: Planned = { provider, id, url, at: endsAt + (this.o.mode === 'late' ? LATE_MS : 0), build };
    this.planned.add(p);
    this.arm(p);
  }

  /** Re-times every planned delivery after the simulated time was stepped forward. */
  nudge(): void {
    for (const p of this.planned) this.arm(p);
  }

  private arm(p: Planned): void {
    clearTimeout(p.timer);
    // +5 ms: a timer may fire a hair early; the state must have ended when the delivery is built.
    const wallMs = Math.max(0, p.at - this.now()) / this.o.clock.scale + 5;
    p.timer = setTimeout(() => this.fire(p), wallMs);
    p.timer.unref();
  }

  private fire(p: Planned): void {
    if (this.now() < p.at) {
      this.arm(p);
      return;
    }
    this.planned.delete(p);
    const delivery = p.build();
    if (!delivery) return;
    this.send(p, delivery);
    if (this.o.mode === 'twice') {
      setTimeout(() => this.send(p, delivery), TWICE_GAP_MS / this.o.clock.scale).unref();
    }
  }

  private send(p: Planned, d: { headers: Record<string, string>; body: string }): void {
    if (this.o.log.closed) return;
    const entry: CallbackDelivery = {
      provider: p.provider,
      id: p.id,
      url: p.url,
      headers: { 'content-type': 'application/json', ...d.headers },
      body: d.body,
      sentAt: this.now(),
    };
    this.o.log.add(entry);
    const done = fetch(p.url, { method: 'POST', headers: entry.headers, body: d.body })
      .then(async (res) => {
        entry.status = res.status;
        entry.responseHeaders = Object.fromEntries(res.headers);
        await res.arrayBuffer();
      })
      .catch(() => {
        // the receiver is gone: a callback is best effort
      });
    this.o.log.pending.add(done);
    void done.finally(() => this.o.log.pending.delete(done));
  }
}
