/**
 * The MCP Apps extension (`io.modelcontextprotocol/ui`) as this server negotiates it: a client
 * gets views only when it declared the extension with the view MIME type. The constants are the
 * ext-apps package's (test/unit/apps-protocol.test.ts checks them), kept here so the server does
 * not load that package at run time.
 */
import type { ClientCapabilities } from '@modelcontextprotocol/server';

export const UI_EXTENSION_ID = 'io.modelcontextprotocol/ui';
export const VIEW_MIME_TYPE = 'text/html;profile=mcp-app';
/** The flat tool `_meta` key older hosts read; the SDK's registerAppTool still sets both forms. */
export const LEGACY_URI_KEY = 'ui/resourceUri';

/** True when the client renders MCP Apps views (SEP-1865: `mimeTypes` is required). */
export function rendersViews(caps: ClientCapabilities | undefined): boolean {
  const ui = (caps?.extensions as Record<string, { mimeTypes?: unknown } | undefined> | undefined)?.[
    UI_EXTENSION_ID
  ];
  return Array.isArray(ui?.mimeTypes) && ui.mimeTypes.includes(VIEW_MIME_TYPE);
}
