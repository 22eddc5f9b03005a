/**
 * Builds the shared dependencies from a Config: starts the embedded sandbox when no key is set,
 * points the HTTP client at it or at the vendors, and wires the cost guard.
 */
import { InMemoryServerEventBus } from '@modelcontextprotocol/server';
import { TtlCache } from './cache.js';
import { createClock } from './clock.js';
import type { Config } from './config.js';
import { createChargeGuard } from './cost/create-guard.js';
import type { AppDeps } from './deps.js';
import { HttpClient, SAMAUTOMATION_AUTH, SAMSAR_AUTH } from './http/client.js';
import { createLogger, type Logger } from './log.js';
import { registerSecret } from './redact.js';
import { startSandbox } from './sandbox/index.js';
import { VERSION } from './version.js';

export interface App {
  deps: AppDeps;
  close(): Promise<void>;
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
    ? await startSandbox({ clock, renderSeconds: config.sandboxRenderSeconds })
    : undefined;
  if (sandbox) {
    logger.info(
      `sandbox mode: no SAMSAR_API_KEY (or VIDEOGEN_SANDBOX=1); an embedded simulator answers at ${sandbox.url}`,
    );
  }
  const http = new HttpClient({
    endpoints: {
      samsar: sandbox
        ? { baseUrl: sandbox.samsarBaseUrl, apiKey: sandbox.keys.samsar, authHeader: SAMSAR_AUTH }
        : { baseUrl: config.samsar.baseUrl, apiKey: config.samsar.apiKey, authHeader: SAMSAR_AUTH },
      samautomation: sandbox
        ? {
            baseUrl: sandbox.samautomationBaseUrl,
            apiKey: sandbox.keys.samautomation,
            authHeader: SAMAUTOMATION_AUTH,
          }
        : {
            baseUrl: config.samautomation.baseUrl,
            apiKey: config.samautomation.apiKey,
            authHeader: SAMAUTOMATION_AUTH,
          },
    },
    connectTimeoutMs: config.http.connectTimeoutMs,
    responseTimeoutMs: config.http.responseTimeoutMs,
    logger,
    clock,
    userAgent: `videogen-mcp/${VERSION}`,
  });
  const cache = new TtlCache(() => clock.now());
  const base = { config, logger, clock, http, cache, sandbox, events: new InMemoryServerEventBus() };
  const deps: AppDeps = { ...base, guard: await createChargeGuard(base) };
  return {
    deps,
    close: async () => {
      await http.close();
      await sandbox?.close();
    },
  };
}
