/**
 * Which view shows a tool's result, if any: read at build time into the tool manifest
 * (tool-surface/describe-tools.ts), so start-up never evaluates it.
 */
import { type CatalogueEntry, mayCharge, type ToolDescriptor } from '../catalogue/define.js';
import type { ViewId } from './views.js';

/** Quotes, anything that starts or follows a render, a saved video, the spend. */
export function viewFor(tool: ToolDescriptor): ViewId | undefined {
  if (tool.name === 'estimate_cost') return 'quote';
  if (tool.name === 'spending_report') return 'spending';
  if (tool.name === 'download_video') return 'player';
  if (tool.name === 'wait_for_job') return 'render';
  // A paid tool first answers "confirmation required" (the quote), then with the job it started.
  if ((tool as Partial<CatalogueEntry>).job || mayCharge(tool)) return 'render';
  return undefined;
}
