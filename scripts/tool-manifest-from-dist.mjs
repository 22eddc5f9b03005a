/**
 * The tool manifest (src/tool-surface/tool-manifest.ts) of a build, derived from tsc's output of the
 * tools themselves: what tools/list shows. scripts/bundle.mjs builds it into the bundle, and
 * scripts/build-mcpb.mjs lists the tools in the Claude Desktop bundle's manifest.json from it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function toolManifestFromDist(root) {
  const dist = (rel) => pathToFileURL(path.join(root, 'dist', 'tool-surface', rel)).href;
  const { allTools } = await import(dist('all-tools.js'));
  const { describeTools } = await import(dist('describe-tools.js'));
  return describeTools(allTools);
}
