/** Every request the sandbox received, so tests can assert exactly what was sent (and that nothing was). */
import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  provider: 'samsar' | 'samautomation' | 'files';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export class RequestLog {
  readonly entries: RecordedRequest[] = [];
  add(r: RecordedRequest): void {
    this.entries.push(r);
    if (this.entries.length > 5000) this.entries.shift();
  }
  /** Requests that could change state upstream (anything but GET/HEAD). */
  writes(provider?: RecordedRequest['provider']): RecordedRequest[] {
    return this.entries.filter(
      (r) => r.method !== 'GET' && r.method !== 'HEAD' && (!provider || r.provider === provider),
    );
  }
  clear(): void {
    this.entries.length = 0;
  }
}
