/**
 * Streamable HTTP transport (the packaging issue builds it out).
 */
import type { App } from '../app.js';

export async function runHttp(_app: App, _opts: { port: number; host: string }): Promise<void> {
  throw new Error('the HTTP transport is not built yet; use stdio');
}
