/**
 * What the test host page (host.ts) offers the test, in types free of the DOM so the Node-side
 * test code can name them.
 */
import type { McpUiHostContext, McpUiResourceCsp } from '@modelcontextprotocol/ext-apps/app-bridge';

export interface ShowView {
  html: string;
  csp?: McpUiResourceCsp;
  toolInput: Record<string, unknown>;
  toolResult: Record<string, unknown>;
  hostContext: McpUiHostContext;
}

export interface ToolCall {
  name: string;
  arguments?: Record<string, unknown>;
}

export interface HostPageApi {
  hostCallTool(params: ToolCall): Promise<Record<string, unknown>>;
  /** Shows a view for one tool call: its HTML under its CSP, then the call's input and result. */
  showView(view: ShowView): Promise<void>;
  setHostContext(context: McpUiHostContext): Promise<void>;
  /** Every tools/call a view sent, in order. */
  toolCalls: ToolCall[];
  modelContext: unknown[];
}
