/**
 * Everything a tool, resource or prompt needs, built once per process and injected.
 * Per-client MCP server instances share these (one HTTP pool, one ledger, one cache).
 */

import type { ServerEventBus } from '@modelcontextprotocol/server';
import type { TtlCache } from './cache.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { ChargeGuard } from './cost/guard.js';
import type { HttpClient } from './http/client.js';
import type { Logger } from './log.js';
import type { LazySandbox } from './sandbox/lazy.js';
import type { MoneyStore } from './store/money-store.js';
import type { ToolManifestEntry } from './tool-surface/tool-manifest.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  http: HttpClient;
  cache: TtlCache;
  guard: ChargeGuard;
  /** State money depends on (ledger, budgets, idempotency keys, signing key): files or PostgreSQL. */
  store: MoneyStore;
  /** What tools/list shows of every tool (before the toolset and read-only filters). */
  toolManifest: readonly ToolManifestEntry[];
  /**
   * Change events for 2026-era subscriptions/listen streams served by the HTTP handler: in memory, or
   * across instances over PostgreSQL LISTEN/NOTIFY.
   */
  events: ServerEventBus;
  /** Present when the embedded sandbox answers for the vendors. */
  sandbox?: LazySandbox;
}
