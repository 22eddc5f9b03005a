/**
 * Reads a view for resources/read: the self-contained HTML the build wrote to dist/apps/, with the
 * resource's `_meta.ui` (the CSP naming where result media come from). Loaded on the first read of
 * a view, so start-up never touches the HTML; each file is read once per process.
 */
import { readFile } from 'node:fs/promises';
import type { ReadResourceResult } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import { mediaOrigins } from './media-origins.js';
import { VIEW_MIME_TYPE } from './ui-extension.js';
import { VIEWS, type ViewId } from './views.js';

/** dist/apps/ from src/apps/ (tsx, tests) and from dist/apps/ (tsc output and the bundle) alike. */
const BUILT = new URL('../../dist/apps/', import.meta.url);

const html = new Map<ViewId, Promise<string>>();

function viewHtml(id: ViewId): Promise<string> {
  let text = html.get(id);
  if (!text) {
    text = readFile(new URL(`${id}.html`, BUILT), 'utf8').catch((err: NodeJS.ErrnoException) => {
      html.delete(id);
      throw err.code === 'ENOENT'
        ? new Error(`The ${id} view is not built (dist/apps/${id}.html): run \`npm run build\`.`)
        : err;
    });
    html.set(id, text);
  }
  return text;
}

export async function readView(id: ViewId, deps: AppDeps): Promise<ReadResourceResult> {
  const view = VIEWS[id];
  const [text, media] = await Promise.all([viewHtml(id), view.media ? mediaOrigins(deps) : undefined]);
  return {
    contents: [
      {
        uri: view.uri,
        mimeType: VIEW_MIME_TYPE,
        text,
        _meta: { ui: { ...(media ? { csp: { resourceDomains: media } } : {}), prefersBorder: true } },
      },
    ],
  };
}
