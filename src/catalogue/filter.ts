/** Which tools VIDEOGEN_READ_ONLY keeps (the filters themselves run over the tool manifest). */
import { mayCharge, type ToolDescriptor } from './define.js';

export function isReadOnlySafe(tool: ToolDescriptor): boolean {
  return tool.annotations.readOnlyHint && !tool.annotations.destructiveHint && !mayCharge(tool);
}
