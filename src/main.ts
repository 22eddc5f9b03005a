/**
 * The videogen-mcp command (started by src/bin.cts): parse flags and environment into one Config,
 * then serve stdio, HTTP, or the standalone sandbox. A bad setting stops the process with one line
 * on stderr and exit code 2.
 */
// First import on purpose: see the file.
import './zod-jitless.js';
import { createApp } from './app.js';
import { helpText, parseArgs, UsageError } from './cli.js';
import { createClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { StoreSchemaError, StoreUnavailableError } from './errors.js';
import { createLogger } from './log.js';
import { redact } from './redact.js';
import { runStdio } from './transports/stdio.js';
import { VERSION } from './version.js';

function fail(message: string): never {
  process.stderr.write(`videogen-mcp: ${redact(message)}\n`);
  process.exit(2);
}

/** A store that cannot be opened (unreachable, or a schema newer than this build) stops the start. */
async function orFailOnStore<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof StoreUnavailableError) fail(`cannot open the store: ${err.reason}`);
    if (err instanceof StoreSchemaError || err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) fail(err.message);
    throw err;
  }
  if (args.command === 'help') {
    process.stdout.write(helpText(VERSION, process.env));
    return;
  }
  if (args.command === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, args.overrides);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  if (args.command === 'sandbox') {
    const { startSandbox } = await import('./sandbox/index.js');
    const sandbox = await startSandbox({
      clock: createClock(config.timeScale),
      renderSeconds: config.sandboxRenderSeconds,
      callbacks: config.sandboxCallbacks,
      port: args.port ?? 0,
      host: args.host ?? '127.0.0.1',
    });
    process.stderr.write(
      `videogen-mcp sandbox listening\n  SAMSAR_BASE_URL=${sandbox.samsarBaseUrl}  SAMSAR_API_KEY=${sandbox.keys.samsar}\n  SAMAUTOMATION_BASE_URL=${sandbox.samautomationBaseUrl}  SAMAUTOMATION_API_KEY=${sandbox.keys.samautomation}\n`,
    );
    const stop = () => void sandbox.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return;
  }
  if (args.command === 'ledger-import') {
    const { importLedgerFile } = await import('./store/ledger-import.js');
    const line = await orFailOnStore(() =>
      importLedgerFile(config, args.file!, createClock(), createLogger(config.logLevel)),
    );
    process.stdout.write(`${line}\n`);
    return;
  }
  const app = await orFailOnStore(() => createApp(config));
  if (args.http) {
    const { runHttp } = await import('./transports/http.js');
    await runHttp(app, { port: args.port ?? 3333, host: args.host ?? '127.0.0.1' });
    return;
  }
  await runStdio(app);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`videogen-mcp: fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
