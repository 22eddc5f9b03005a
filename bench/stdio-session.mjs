/** A minimal line-based JSON-RPC client over a spawned process's stdio, for timing without SDK overhead. */
import { spawn } from 'node:child_process';

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
};

export function startProcess(command, args, env) {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map();
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buf += chunk;
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const msg = JSON.parse(line);
      const w = waiting.get(msg.id);
      if (w) {
        waiting.delete(msg.id);
        w(msg);
      }
      nl = buf.indexOf('\n');
    }
  });
  let nextId = 100;
  return {
    child,
    send(msg) {
      child.stdin.write(`${JSON.stringify(msg)}\n`);
    },
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      });
    },
    waitFor(id) {
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    async stop() {
      child.stdin.end();
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}

/** Milliseconds from spawn to the `initialize` answer. */
export async function timeStartup(command, args, env) {
  const t0 = process.hrtime.bigint();
  const p = startProcess(command, args, env);
  const answered = p.waitFor(1);
  p.send(INITIALIZE);
  await answered;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await p.stop();
  return ms;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
