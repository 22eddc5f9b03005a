/**
 * Builds the shared dependencies from a Config: points the HTTP client at each vendor or at the
 * embedded sandbox (per provider: no key set, or VIDEOGEN_SANDBOX=1), opens the money store (files,
 * or PostgreSQL when configured) and wires the cost guard. Start-up stays light: the sandbox starts
 * and the guard's modules load with the first request that needs them.
 */
import { TtlCache } from './cache.js';
import { createClock } from './clock.js';
import { type Config, PROVIDERS, sandboxedProviders } from './config.js';
import { lazyChargeGuard } from './cost/lazy-guard.js';
import type { AppDeps } from './deps.js';
import type { Provider } from './errors.js';
import { HttpClient, type ProviderEndpoint, SAMAUTOMATION_AUTH, SAMSAR_AUTH } from './http/client.js';
import { createLogger, type Logger } from './log.js';
import { describeProviders } from './provider-access.js';
import { registerSecret } from './redact.js';
import { SANDBOX_KEYS } from './sandbox/keys.js';
import { type LazySandbox, lazySandbox } from './sandbox/lazy.js';
import { checkStartup } from './startup-checks.js';
import { openStore } from './store/open-store.js';
import { loadToolManifest } from './tool-surface/tool-manifest.js';
import { VERSION } from './version.js';

export interface App {
  deps: AppDeps;
  close(): Promise<void>;
}

const AUTH = { samsar: SAMSAR_AUTH, samautomation: SAMAUTOMATION_AUTH } as const;

/** Each provider on its own: its real base URL and key, or the sandbox's (modes: config.ts). */
function endpoints(config: Config, sandbox: LazySandbox | undefined): Record<Provider, ProviderEndpoint> {
  const one = (p: Provider): ProviderEndpoint => {
    if (config[p].mode !== 'sandbox' || !sandbox) {
      // 'off' keeps the real base URL without a key: public routes still work, the rest are refused.
      return { baseUrl: config[p].baseUrl, apiKey: config[p].apiKey, authHeader: AUTH[p] };
    }
    return {
      baseUrl: async () => {
        const s = await sandbox.start();
        return p === 'samsar' ? s.samsarBaseUrl : s.samautomationBaseUrl;
      },
      apiKey: SANDBOX_KEYS[p],
      authHeader: AUTH[p],
    };
  };
  return { samsar: one('samsar'), samautomation: one('samautomation') };
}

export async function createApp(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<App> {
  registerSecret(config.samsar.apiKey);
  registerSecret(config.samautomation.apiKey);
  registerSecret(config.cost.secret);
  for (const p of config.server.principals) registerSecret(p.token);
  const toolManifest = await loadToolManifest();
  await checkStartup(config, toolManifest, logger);
  const clock = createClock(config.timeScale);
  const sandbox = sandboxedProviders(config).length
    ? lazySandbox({
        clock,
        renderSeconds: config.sandboxRenderSeconds,
        callbacks: config.sandboxCallbacks,
        logger,
      })
    : undefined;
  for (const warning of config.warnings) logger.warn(warning);
  const off = PROVIDERS.some((p) => config[p].mode === 'off');
  (off ? logger.warn : logger.info)(`providers: ${describeProviders(config)}`);
  const http = new HttpClient({
    endpoints: endpoints(config, sandbox),
    connectTimeoutMs: config.http.connectTimeoutMs,
    responseTimeoutMs: config.http.responseTimeoutMs,
    logger,
    clock,
    userAgent: `videogen-mcp/${VERSION}`,
  });
  const cache = new TtlCache(() => clock.wallNow());
  const { store, events } = await openStore(config, clock, logger);
  const base = {
    config,
    logger,
    clock,
    http,
    cache,
    sandbox,
    store,
    events,
    toolManifest,
  };
  const deps: AppDeps = { ...base, guard: lazyChargeGuard(base) };
  return {
    deps,
    close: async () => {
      await http.close();
      await sandbox?.close();
      await store.close();
    },
  };
}
