/**
 * The embedded sandbox as the app holds it: started (and its modules loaded) by the first request
 * that needs it, not at start-up, so a client's handshake never waits for a simulator it may not use.
 */
import type { Clock } from '../clock.js';
import type { SandboxCallbackMode } from '../config.js';
import type { Logger } from '../log.js';
import type { SandboxHandle } from './index.js';

export interface LazySandbox {
  /** Starts the sandbox on first use; the same handle afterwards. */
  start(): Promise<SandboxHandle>;
  /** The running sandbox, once started. */
  readonly running: SandboxHandle | undefined;
  close(): Promise<void>;
}

export function lazySandbox(options: {
  clock: Clock;
  renderSeconds: number;
  callbacks: SandboxCallbackMode;
  logger: Logger;
}): LazySandbox {
  let starting: Promise<SandboxHandle> | undefined;
  let running: SandboxHandle | undefined;
  const start = () => {
    starting ??= import('./index.js')
      .then(async ({ startSandbox }) => {
        running = await startSandbox({
          clock: options.clock,
          renderSeconds: options.renderSeconds,
          callbacks: options.callbacks,
        });
        options.logger.info(`sandbox started: the embedded simulator answers at ${running.url}`);
        return running;
      })
      .catch((err: unknown) => {
        starting = undefined; // the next call tries again rather than failing forever
        throw err;
      });
    return starting;
  };
  return {
    start,
    get running() {
      return running;
    },
    close: async () => {
      const handle = await starting?.catch(() => undefined);
      await handle?.close();
    },
  };
}
