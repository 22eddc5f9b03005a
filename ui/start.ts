/** Starts a view: connects to the host, follows its theme, and hands each tool result to `show`. */
import type { CallToolResult } from '@modelcontextprotocol/client';
import { type Bridge, connect } from './bridge.js';
import type { Json } from './results.js';
import { applyHostTheme } from './theme.js';

export async function startView(
  name: string,
  show: (root: Element, bridge: Bridge, result: CallToolResult, input: Json) => void,
): Promise<void> {
  const root = document.getElementById('view')!;
  const bridge = await connect(name);
  applyHostTheme(bridge.context);
  bridge.onContextChange(applyHostTheme);
  let input: Json = {};
  bridge.onToolInput((args) => {
    input = args;
  });
  bridge.onToolResult((result) => show(root, bridge, result, input));
}
