#!/usr/bin/env node
/**
 * The bin. Clients spawn one process per session, so start-up time is felt on every use. When the
 * build made a single-file bundle of src/main.ts (dist/server.cjs, by scripts/bundle.mjs), it is
 * compiled with a V8 code cache kept beside it, which skips most parsing and compiling. Without a
 * bundle (run from src, or built without esbuild) the modules load as they are.
 * CommonJS on purpose: an ES module entry costs node about 10 ms more to start.
 */
import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');
import nodeModule = require('node:module');

const bundle = path.join(__dirname, 'server.cjs');

function saveCache(file: string, script: vm.Script): void {
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, file); // atomic: concurrent sessions never read half a cache
  } catch {
    // a read-only install: every start compiles from source, which only costs time
  }
}

function runBundle(file: string): void {
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no cache yet: this run writes it
  }
  // esbuild writes ASCII only (its default charset), so latin1 reads it exactly and fastest. The
  // file is one function expression, (function (exports, require, module, __filename, __dirname)
  // {...}), written so by scripts/bundle.mjs.
  const source = fs.readFileSync(file, 'latin1');
  const script = new vm.Script(source, { filename: file, cachedData });
  // Written at exit, so the cache also holds the functions this session compiled lazily.
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => saveCache(cacheFile, script));
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, nodeModule.createRequire(file), mod, file, path.dirname(file));
}

if (fs.existsSync(bundle)) runBundle(bundle);
else void import('./main.js');
