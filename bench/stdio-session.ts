/**
 * A minimal line-based JSON-RPC client over a spawned process's stdio: timing start-up through an SDK
 * client would add the client's own loading to what is measured.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const PROTOCOL_VERSION = '2025-06-18';

export interface RpcMessage {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export interface StdioSession {
  child: ChildProcess;
  request(method: string, params?: Record<string, unknown>): Promise<RpcMessage>;
  notify(method: string, params?: Record<string, unknown>): void;
  stop(): Promise<void>;
}

export function startSession(command: string, args: string[], env: NodeJS.ProcessEnv): StdioSession {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map<number, (m: RpcMessage) => void>();
  let buf = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const msg = JSON.parse(buf.slice(0, nl)) as RpcMessage;
      buf = buf.slice(nl + 1);
      if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
      if (msg.id !== undefined) waiting.delete(msg.id);
    }
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let nextId = 1;
  const write = (msg: object) => child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
  return {
    child,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, resolve);
        exited.then(() => reject(new Error(`process exited before answering ${method}`)));
        write({ id, method, params });
      });
    },
    notify: (method, params) => write({ method, params }),
    async stop() {
      child.stdin!.end();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function initializeParams(): Record<string, unknown> {
  return { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'bench', version: '1' } };
}

/** Milliseconds from spawn to the `initialize` answer. */
export async function timeStartup(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = process.hrtime.bigint();
  const s = startSession(command, args, env);
  const answer = await s.request('initialize', initializeParams());
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await s.stop();
  if (answer.error) throw new Error(`initialize failed: ${answer.error.message}`);
  return ms;
}

/** Resident set size of a live process in MB (Linux /proc, else ps). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
