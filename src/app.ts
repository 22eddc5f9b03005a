/**
 * Builds the shared dependencies from a Config: points the HTTP client at the vendors or at the
 * embedded sandbox (no key set), opens the money store (files, or PostgreSQL when configured) and
 * wires the cost guard. Start-up stays light: the sandbox starts and the guard's modules load with the
 * first request that needs them.
 */
import { TtlCache } from './cache.js';
import { loadToolManifest } from './catalogue/tool-manifest.js';
import { createClock } from './clock.js';
import type { Config } from './config.js';
import { lazyChargeGuard } from './cost/lazy-guard.js';
import type { AppDeps } from './deps.js';
import { HttpClient, type ProviderEndpoint, SAMAUTOMATION_AUTH, SAMSAR_AUTH } from './http/client.js';
import { createLogger, type Logger } from './log.js';
import { registerSecret } from './redact.js';
import { SANDBOX_KEYS } from './sandbox/keys.js';
import { type LazySandbox, lazySandbox } from './sandbox/lazy.js';
import { openStore } from './store/open-store.js';
import { VERSION } from './version.js';

export interface App {
  deps: AppDeps;
  close(): Promise<void>;
}

function endpoints(
  config: Config,
  sandbox: LazySandbox | undefined,
): Record<'samsar' | 'samautomation', ProviderEndpoint> {
  if (!sandbox) {
    return {
      samsar: { baseUrl: config.samsar.baseUrl, apiKey: config.samsar.apiKey, authHeader: SAMSAR_AUTH },
      samautomation: {
        baseUrl: config.samautomation.baseUrl,
        apiKey: config.samautomation.apiKey,
        authHeader: SAMAUTOMATION_AUTH,
      },
    };
  }
  return {
    samsar: {
      baseUrl: async () => (await sandbox.start()).samsarBaseUrl,
      apiKey: SANDBOX_KEYS.samsar,
      authHeader: SAMSAR_AUTH,
    },
    samautomation: {
      baseUrl: async () => (await sandbox.start()).samautomationBaseUrl,
      apiKey: SANDBOX_KEYS.samautomation,
      authHeader: SAMAUTOMATION_AUTH,
    },
  };
}

export async function createApp(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<App> {
  registerSecret(config.samsar.apiKey);
  registerSecret(config.samautomation.apiKey);
  registerSecret(config.cost.secret);
  registerSecret(config.server.token);
  const clock = createClock(config.timeScale);
  const sandbox = config.sandbox
    ? lazySandbox({ clock, renderSeconds: config.sandboxRenderSeconds, logger })
    : undefined;
  if (sandbox) {
    logger.info(
      'sandbox mode: no SAMSAR_API_KEY (or VIDEOGEN_SANDBOX=1); an embedded simulator answers for both APIs, started on first use',
    );
  }
  const http = new HttpClient({
    endpoints: endpoints(config, sandbox),
    connectTimeoutMs: config.http.connectTimeoutMs,
    responseTimeoutMs: config.http.responseTimeoutMs,
    logger,
    clock,
    userAgent: `videogen-mcp/${VERSION}`,
  });
  const cache = new TtlCache(() => clock.now());
  const { store, events, ledger } = await openStore(config, clock, logger);
  const base = {
    config,
    logger,
    clock,
    http,
    cache,
    sandbox,
    store,
    events,
    toolManifest: await loadToolManifest(),
  };
  const deps: AppDeps = { ...base, guard: lazyChargeGuard(base, ledger) };
  return {
    deps,
    close: async () => {
      await http.close();
      await sandbox?.close();
      await store.close();
    },
  };
}
