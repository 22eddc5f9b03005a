/**
 * Serves MCP over stdio, both protocol eras, one server instance per connection.
 * Nothing but the protocol is ever written to stdout.
 */
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { App } from '../app.js';
import { createServer } from '../server.js';

export function runStdio(app: App): Promise<void> {
  if (app.deps.config.publicUrl) {
    app.deps.logger.warn(
      'VIDEOGEN_PUBLIC_URL is ignored over stdio: nothing here receives callbacks, so renders are followed by polling (serve with --http to receive them)',
    );
  }
  return new Promise((resolve) => {
    const handle = serveStdio(() => createServer(app.deps, 'instance'), {
      onerror: (err) => app.deps.logger.error(`stdio: ${err.message}`),
    });
    // stdin 'end', 'close' and a signal can all arrive: shut down once.
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await handle.close().catch(() => {});
        await app.close();
        resolve();
      })();
      return stopping;
    };
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
