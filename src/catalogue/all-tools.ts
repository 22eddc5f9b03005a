/** Every tool's implementation, catalogue entries then the server's own, in tools/list order. */
import { ownTools } from '../tools/index.js';
import type { CatalogueEntry, ToolDescriptor } from './define.js';
import { catalogue } from './index.js';

export const allTools: readonly ToolDescriptor[] = [...catalogue, ...ownTools];

export function isCatalogueEntry(tool: ToolDescriptor): tool is CatalogueEntry {
  return (catalogue as readonly ToolDescriptor[]).includes(tool);
}
