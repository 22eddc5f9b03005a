/**
 * The view's side of MCP Apps (SEP-1865): JSON-RPC over postMessage with the host. The spec is
 * small enough to speak directly, and the ext-apps App class would bring its MCP client and zod
 * into every view (about 400 KB each, against a few KB here); the message types are the ext-apps
 * package's own, and the browser tests drive these views through its AppBridge.
 */
import type { CallToolResult } from '@modelcontextprotocol/client';
import type {
  McpUiHostCapabilities,
  McpUiHostContext,
  McpUiInitializeResult,
} from '@modelcontextprotocol/ext-apps';
import { APPS_PROTOCOL_VERSION } from './protocol.js';

type Json = Record<string, unknown>;
interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Json;
  result?: Json;
  error?: { code: number; message: string };
}

export interface Bridge {
  readonly context: McpUiHostContext;
  readonly capabilities: McpUiHostCapabilities;
  /** Calls a tool of this server through the host. */
  callTool(name: string, args: Json): Promise<CallToolResult>;
  /** Tells the model what the person did here (when the host accepts context updates). */
  tellModel(text: string): Promise<void>;
  onToolInput(handler: (args: Json) => void): void;
  onToolResult(handler: (result: CallToolResult) => void): void;
  onContextChange(handler: (context: McpUiHostContext) => void): void;
  /** Runs when the host tears the view down; long-running loops stop then. */
  onTeardown(handler: () => void): void;
}

export async function connect(name: string): Promise<Bridge> {
  const host = window.parent;
  const send = (m: Omit<Message, 'jsonrpc'>) => host.postMessage({ jsonrpc: '2.0', ...m }, '*');
  const pending = new Map<number, { resolve(r: Json): void; reject(e: Error): void }>();
  let nextId = 1;
  const request = (method: string, params: Json) =>
    new Promise<Json>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ id, method, params });
    });

  // Notifications may come before the view has set its handlers: the latest of each is replayed.
  const handlers = new Map<string, (params: Json) => void>();
  const latest = new Map<string, Json>();
  const on = (method: string, handler: (params: Json) => void) => {
    handlers.set(method, handler);
    const seen = latest.get(method);
    if (seen) handler(seen);
  };
  let context: McpUiHostContext = {};
  let teardown = () => {};

  window.addEventListener('message', (event) => {
    if (event.source !== host) return;
    const m = event.data as Message;
    if (m?.jsonrpc !== '2.0') return;
    if (m.method === undefined && typeof m.id === 'number') {
      const waiting = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) waiting?.reject(new Error(m.error.message));
      else waiting?.resolve(m.result ?? {});
      return;
    }
    if (m.method && m.id !== undefined) {
      // Requests from the host: the teardown notice and pings; nothing else is offered.
      if (m.method === 'ui/resource-teardown') teardown();
      if (m.method === 'ui/resource-teardown' || m.method === 'ping') send({ id: m.id, result: {} });
      else send({ id: m.id, error: { code: -32601, message: `${m.method} is not handled by this view` } });
      return;
    }
    if (m.method === 'ui/notifications/host-context-changed') context = { ...context, ...m.params };
    if (m.method) {
      latest.set(m.method, m.params ?? {});
      handlers.get(m.method)?.(m.params ?? {});
    }
  });

  const init = (await request('ui/initialize', {
    appInfo: { name, version: '1' },
    appCapabilities: {},
    protocolVersion: APPS_PROTOCOL_VERSION,
  })) as unknown as McpUiInitializeResult;
  context = init.hostContext ?? {};
  send({ method: 'ui/notifications/initialized', params: {} });
  reportSize((size) => send({ method: 'ui/notifications/size-changed', params: size }));

  return {
    get context() {
      return context;
    },
    capabilities: init.hostCapabilities ?? {},
    callTool: async (toolName, args) =>
      (await request('tools/call', { name: toolName, arguments: args })) as unknown as CallToolResult,
    tellModel: async (text) => {
      if (!init.hostCapabilities?.updateModelContext) return;
      await request('ui/update-model-context', { content: [{ type: 'text', text }] }).catch(() => undefined);
    },
    onToolInput: (h) => on('ui/notifications/tool-input', (p) => h((p.arguments ?? {}) as Json)),
    onToolResult: (h) => on('ui/notifications/tool-result', (p) => h(p as unknown as CallToolResult)),
    onContextChange: (h) => on('ui/notifications/host-context-changed', () => h(context)),
    onTeardown: (h) => {
      teardown = h;
    },
  };
}

/** Sends the document's size whenever it changes, as the host sizes the frame to its content. */
function reportSize(notify: (size: { width: number; height: number }) => void): void {
  let queued = false;
  let last = '';
  const measure = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      const root = document.documentElement;
      const before = root.style.height;
      root.style.height = 'max-content';
      const height = Math.ceil(root.getBoundingClientRect().height);
      root.style.height = before;
      const width = Math.ceil(window.innerWidth);
      if (`${width}x${height}` === last) return;
      last = `${width}x${height}`;
      notify({ width, height });
    });
  };
  measure();
  const observer = new ResizeObserver(measure);
  observer.observe(document.documentElement);
  observer.observe(document.body);
}
