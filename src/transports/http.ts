/**
 * `videogen-mcp --http`: refuses a public bind without a token, serves /mcp, logs where, and drains
 * cleanly on SIGTERM/SIGINT.
 */
import type { App } from '../app.js';
import { isLoopbackHost } from './http-guards.js';
import { startHttpServer } from './http-server.js';

export async function runHttp(app: App, opts: { port: number; host: string }): Promise<void> {
  const { logger, config } = app.deps;
  if (!isLoopbackHost(opts.host) && config.server.principals.length === 0) {
    process.stderr.write(
      `videogen-mcp: refusing to listen on ${opts.host} without VIDEOGEN_HTTP_TOKEN: anyone who can reach it could spend your credits. Set VIDEOGEN_HTTP_TOKEN (16+ characters) or VIDEOGEN_HTTP_TOKENS (one token per principal), or bind to 127.0.0.1.\n`,
    );
    await app.close();
    process.exit(2);
  }
  const running = await startHttpServer(app, opts);
  // Printed whatever the log level: it is the one line a person needs to connect a client.
  process.stderr.write(`videogen-mcp: listening on ${running.url}\n`);
  const stop = (signal: string) => {
    logger.info(`${signal}: draining HTTP connections`);
    void running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
