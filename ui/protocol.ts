/** The MCP Apps protocol revision the views speak (the ext-apps package's LATEST_PROTOCOL_VERSION). */
export const APPS_PROTOCOL_VERSION = '2026-01-26';
