/**
 * The tool surface as tools/list shows it, apart from the implementations. The bundle carries it
 * prebuilt (scripts/bundle.mjs), so the handshake and tools/list never wait for the tools' zod
 * schemas to be built: the implementations load on the first call (tool-surface/tool-runtime.ts).
 * Run from source or tsc's output, it is derived from the implementations at start-up instead.
 */
import type { ViewId } from '../apps/views.js';
import type { ToolHints } from '../catalogue/define.js';
import type { Config, Toolset } from '../config.js';

export interface ToolManifestEntry {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  /** Changes and charges nothing: the only kind VIDEOGEN_READ_ONLY keeps. */
  readOnlySafe: boolean;
  annotations: Partial<ToolHints>;
  meta: Record<string, unknown>;
  /** The published JSON Schema of the tool's arguments (tool-surface/describe-tools.ts). */
  inputSchema: Record<string, unknown>;
  /** The MCP Apps view that shows its results, offered only to clients that render views. */
  view?: ViewId;
}

/** Replaced by the bundler with the manifest computed at build time. */
declare const __VIDEOGEN_TOOL_MANIFEST__: readonly ToolManifestEntry[] | undefined;

export async function loadToolManifest(): Promise<readonly ToolManifestEntry[]> {
  if (typeof __VIDEOGEN_TOOL_MANIFEST__ !== 'undefined') return __VIDEOGEN_TOOL_MANIFEST__;
  const [{ allTools }, { describeTools }] = await Promise.all([
    import('./all-tools.js'),
    import('./describe-tools.js'),
  ]);
  return describeTools(allTools);
}

/** Toolsets, read-only mode and the allowlist, as filters over the one list of tools. */
export function selectTools(manifest: readonly ToolManifestEntry[], config: Config): ToolManifestEntry[] {
  return manifest.filter(
    (t) =>
      config.toolsets.includes(t.toolset) &&
      (!config.readOnly || t.readOnlySafe) &&
      (!config.tools || config.tools.includes(t.name)),
  );
}
