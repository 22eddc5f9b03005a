/**
 * Toolsets, read-only mode and the allowlist are filters over one list of tools.
 */
import type { Config } from '../config.js';
import { mayCharge, type ToolDescriptor } from './define.js';

export function isReadOnlySafe(tool: ToolDescriptor): boolean {
  return tool.annotations.readOnlyHint && !tool.annotations.destructiveHint && !mayCharge(tool);
}

export function selectTools<T extends ToolDescriptor>(tools: readonly T[], config: Config): T[] {
  return tools.filter(
    (t) =>
      config.toolsets.includes(t.toolset) &&
      (!config.readOnly || isReadOnlySafe(t)) &&
      (!config.tools || config.tools.includes(t.name)),
  );
}
