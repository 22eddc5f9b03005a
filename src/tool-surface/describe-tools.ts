/**
 * Derives the tool manifest (tool-surface/tool-manifest.ts) from the implementations: what tools/list
 * shows of each tool. The bundler runs it at build time; unbundled runs call it at start-up.
 */
import { viewFor } from '../apps/view-for-tool.js';
import { mayCharge, type ToolDescriptor } from '../catalogue/define.js';
import { publishedAnnotations, publishedJsonSchema } from './published-schema.js';
import { registeredInput, toolMeta } from './registered-input.js';
import type { ToolManifestEntry } from './tool-manifest.js';

/** Changes and charges nothing: the only kind VIDEOGEN_READ_ONLY keeps. */
function isReadOnlySafe(tool: ToolDescriptor): boolean {
  return tool.annotations.readOnlyHint && !tool.annotations.destructiveHint && !mayCharge(tool);
}

export function describeTools(tools: readonly ToolDescriptor[]): ToolManifestEntry[] {
  return tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    toolset: tool.toolset,
    readOnlySafe: isReadOnlySafe(tool),
    annotations: publishedAnnotations(tool.annotations),
    meta: toolMeta(tool),
    inputSchema: publishedJsonSchema(registeredInput(tool)),
    ...(viewFor(tool) ? { view: viewFor(tool) } : {}),
  }));
}
