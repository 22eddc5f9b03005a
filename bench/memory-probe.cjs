/**
 * Preloaded into a benchmarked server child (node --expose-gc --require bench/memory-probe.cjs):
 * on the parent's 'measure' message it collects garbage and answers with process.memoryUsage(), so
 * the bench reads what the server retains rather than garbage not yet collected. Bench only; the
 * server itself knows nothing of it.
 */
process.on('message', (message) => {
  if (message !== 'measure' || typeof global.gc !== 'function') return;
  global.gc();
  // A second pass after a turn of the event loop also frees what the first one's finalizers released.
  setImmediate(() => {
    global.gc();
    process.send?.(process.memoryUsage());
  });
});
