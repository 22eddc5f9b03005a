/**
 * Drives the MCP Apps views in a real Chromium (Debian's, never a downloaded one) through a test
 * host page built on the ext-apps AppBridge (test/apps/host/host.ts). The "agent" is a real MCP
 * client that declares the UI extension and talks to the real server over HTTP; the page's tool
 * calls go back through that client, as a chat host proxies them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { McpUiHostContext } from '@modelcontextprotocol/ext-apps/app-bridge';
import { type Browser, chromium, type FrameLocator, type Page } from 'playwright-core';
import { UI_EXTENSION_ID, VIEW_MIME_TYPE } from '../../src/apps/ui-extension.js';
import { VIEW_IDS } from '../../src/apps/views.js';
import type { HostPageApi, ShowView, ToolCall } from './host/page-api.js';

export const CHROMIUM = process.env.VIDEOGEN_CHROMIUM ?? '/usr/bin/chromium';
const BUILT_VIEWS = fileURLToPath(new URL('../../dist/apps/', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
export type Loose = Record<string, any>;

/** Views are built by `npm run build` (npm test runs it first). */
export function requireBuiltViews(): void {
  const missing = VIEW_IDS.filter((v) => !existsSync(`${BUILT_VIEWS}${v}.html`));
  if (missing.length) {
    throw new Error(
      `dist/apps/{${missing.join(',')}}.html missing: run \`npm run build\` first (npm test does)`,
    );
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A host's theme: the SEP-1865 variables a chat client passes (a warm light palette). */
export const HOST_CONTEXT: McpUiHostContext = {
  theme: 'light',
  displayMode: 'inline',
  platform: 'desktop',
  locale: 'en-GB',
  timeZone: 'UTC',
  containerDimensions: { width: 600, maxHeight: 1200 },
  styles: {
    variables: {
      '--color-background-primary': '#fbfaf7',
      '--color-background-secondary': '#f1efe8',
      '--color-background-info': '#2b6cb0',
      '--color-text-primary': '#1d1c1a',
      '--color-text-secondary': '#6b6860',
      '--color-text-inverse': '#ffffff',
      '--color-border-primary': '#dedbd2',
      '--font-sans': 'system-ui, "DejaVu Sans", sans-serif',
      '--border-radius-md': '10px',
    } as never,
  },
};

async function hostScript(): Promise<string> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./host/host.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}

const HOST_HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; background: #e9e7e1; font-family: sans-serif; }
iframe { display: block; width: 600px; height: 120px; border: 1px solid #d5d2c8; border-radius: 12px; background: #fbfaf7; }
</style></head><body><div id="stage"></div></body></html>`;

export interface ShownView {
  /** The agent's own result, as the host received it. */
  result: Loose;
  frame: FrameLocator;
}

export interface TestHost {
  page: Page;
  agent: Client;
  /** The agent calls a tool; the host shows the result in the tool's view. */
  show(name: string, args?: Record<string, unknown>): Promise<ShownView>;
  /** Shows an agent's result the agent already has (e.g. one it got itself). */
  showResult(name: string, args: Record<string, unknown>, result: Loose): Promise<ShownView>;
  /** tools/call requests the views sent through the host. */
  viewCalls(): Promise<ToolCall[]>;
  close(): Promise<void>;
}

export async function openHost(browser: Browser, url: string): Promise<TestHost> {
  const agent = new Client({ name: 'videogen-apps-test', version: '1.0.0' }, {
    capabilities: { extensions: { [UI_EXTENSION_ID]: { mimeTypes: [VIEW_MIME_TYPE] } } },
  } as never);
  await agent.connect(new StreamableHTTPClientTransport(new URL(url)) as never);
  const tools = (await agent.listTools()).tools as Loose[];
  const page = await browser.newPage({ viewport: { width: 640, height: 1000 }, deviceScaleFactor: 2 });
  page.on('pageerror', (err) => console.error('host page error:', err.message));
  await page.exposeFunction('hostCallTool', (params: ToolCall) => agent.callTool(params));
  await page.setContent(HOST_HTML);
  await page.addScriptTag({ content: await hostScript() });

  const showResult = async (name: string, args: Record<string, unknown>, result: Loose) => {
    const uri = tools.find((t) => t.name === name)?._meta?.ui?.resourceUri as string | undefined;
    if (!uri) throw new Error(`${name} has no view for this client`);
    const read = (await agent.readResource({ uri })) as Loose;
    const content = read.contents[0];
    const view: ShowView = {
      html: content.text,
      csp: content._meta?.ui?.csp,
      toolInput: args,
      toolResult: result,
      hostContext: HOST_CONTEXT,
    };
    await page.evaluate((v) => (globalThis as unknown as HostPageApi).showView(v as ShowView), view as Loose);
    return { result, frame: page.frameLocator('#stage iframe') };
  };
  return {
    page,
    agent,
    show: async (name, args = {}) =>
      showResult(name, args, (await agent.callTool({ name, arguments: args })) as Loose),
    showResult,
    viewCalls: () => page.evaluate(() => (globalThis as unknown as HostPageApi).toolCalls),
    close: async () => {
      await page.close();
      await agent.close();
    },
  };
}
