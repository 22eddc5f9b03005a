/**
 * esbuild options every bundle of ours shares, and the wrapper src/bin.cts expects: the launcher
 * compiles dist/server.cjs as one function expression (so no start copies the source to wrap it).
 * Used by scripts/bundle.mjs and by the benchmark's SDK floor, which must be built the same way.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

export const LAUNCHER_WRAPPER = {
  open: '(function (exports, require, module, __filename, __dirname) {',
  close: '})',
};
