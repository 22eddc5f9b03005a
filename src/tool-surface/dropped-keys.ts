/**
 * The SDK parses a tools/call's `arguments` as a record, and that parse drops an own `__proto__` key
 * (JSON.parse makes one from `"__proto__": ...`) before any tool sees the call. Left alone, such a
 * call would run as if the key had never been sent, while the published schema refuses it. This
 * looks at each message as the transport delivers it, before the SDK's parse, and notes per request
 * id the top-level keys that parse will drop, so the call is refused by name like any other key.
 * Nested `__proto__` keys survive the SDK and are refused by the key walk (input-keys.ts).
 */
import type { McpServer, RequestId, Transport } from '@modelcontextprotocol/server';

/** What the SDK's record parse removes (other reserved names survive it). */
const DROPPED_BY_SDK = '__proto__';

/** A client that never lets a call reach a tool cannot grow this past a few entries per connection. */
const MAX_PENDING = 256;

export class DroppedKeys {
  private readonly pending = new Map<RequestId, string[]>();

  constructor(private readonly tools: ReadonlySet<string>) {}

  /** Has every transport the server connects to report its tools/call messages here first. */
  watch(server: McpServer): void {
    const connect = server.connect.bind(server);
    server.connect = (transport: Transport) => {
      this.intercept(transport);
      return connect(transport);
    };
  }

  /** The keys dropped from this request's arguments, once (the entry is gone afterwards). */
  take(id: RequestId): string[] {
    const keys = this.pending.get(id) ?? [];
    this.pending.delete(id);
    return keys;
  }

  private intercept(transport: Transport): void {
    // The SDK assigns onmessage when it connects; an accessor sees each message before it does.
    // A transport that forwards onmessage itself (an accessor of its class) keeps doing so.
    const inherited = accessorOf(transport, 'onmessage');
    let stored: Transport['onmessage'] = inherited ? undefined : transport.onmessage;
    Object.defineProperty(transport, 'onmessage', {
      configurable: true,
      enumerable: true,
      get: () => (inherited ? inherited.get?.call(transport) : stored),
      set: (inner: Transport['onmessage']) => {
        const wrapped: Transport['onmessage'] =
          inner &&
          ((message, extra) => {
            this.note(message);
            inner(message, extra);
          });
        if (inherited?.set) inherited.set.call(transport, wrapped);
        else stored = wrapped;
      },
    });
  }

  private note(message: unknown): void {
    const m = message as {
      id?: RequestId;
      method?: unknown;
      params?: { name?: unknown; arguments?: unknown };
    };
    if (m.method !== 'tools/call' || m.id === undefined) return;
    // Every tools/call resets its id, so a reused id never inherits an earlier call's keys.
    this.pending.delete(m.id);
    const args = m.params?.arguments;
    if (typeof m.params?.name !== 'string' || !this.tools.has(m.params.name)) return;
    if (!args || typeof args !== 'object' || !Object.hasOwn(args, DROPPED_BY_SDK)) return;
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(m.id, [DROPPED_BY_SDK]);
  }
}

/** The getter/setter pair a property has along the prototype chain, if it is an accessor. */
function accessorOf(target: object, key: string): PropertyDescriptor | undefined {
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d.get || d.set ? d : undefined;
  }
  return undefined;
}
