/** Every tool's implementation, catalogue entries then the server's own, in tools/list order. */

import type { CatalogueEntry, ToolDescriptor } from '../catalogue/define.js';
import { catalogue } from '../catalogue/index.js';
import { ownTools } from '../tools/index.js';

export const allTools: readonly ToolDescriptor[] = [...catalogue, ...ownTools];

export function isCatalogueEntry(tool: ToolDescriptor): tool is CatalogueEntry {
  return (catalogue as readonly ToolDescriptor[]).includes(tool);
}
