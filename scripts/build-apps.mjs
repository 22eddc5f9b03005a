/**
 * Builds the MCP Apps views (ui/views/*.ts) into self-contained HTML, one file per view in
 * dist/apps/: the bundled script and the shared stylesheet inline, nothing fetched from anywhere.
 * The server reads them on the first resources/read of a view (src/apps/view-resource.ts).
 * Run by scripts/bundle.mjs during `npm run build`; `node scripts/build-apps.mjs` alone rebuilds
 * just the views.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const VIEWS = ['quote', 'render', 'player', 'spending'];
const TITLES = { quote: 'Quote', render: 'Render', player: 'Player', spending: 'Spending' };

/** The view's HTML document around its bundled script. */
export function viewDocument(name, script, css) {
  // An inline script ends at the first "</script", wherever it appears.
  const safe = script.replaceAll('</script', '<\\/script');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>videogen: ${TITLES[name]}</title>
<style>${css}</style>
</head>
<body>
<main id="view" aria-live="polite"><p class="card muted">Loading…</p></main>
<script>${safe}</script>
</body>
</html>
`;
}

export async function buildApps(esbuild, outDir = path.join(root, 'dist', 'apps')) {
  mkdirSync(outDir, { recursive: true });
  const css = (
    await esbuild.transform(readFileSync(path.join(root, 'ui', 'style.css'), 'utf8'), {
      loader: 'css',
      minify: true,
    })
  ).code.trim();
  const sizes = {};
  for (const name of VIEWS) {
    const built = await esbuild.build({
      entryPoints: [path.join(root, 'ui', 'views', `${name}.ts`)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const html = viewDocument(name, built.outputFiles[0].text.trim(), css);
    writeFileSync(path.join(outDir, `${name}.html`), html);
    sizes[name] = html.length;
  }
  return sizes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = await buildApps(await import('esbuild'));
  console.log(
    Object.entries(sizes)
      .map(([v, n]) => `${v}.html ${(n / 1024).toFixed(1)} KB`)
      .join(', '),
  );
}
