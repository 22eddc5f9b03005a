/**
 * A fresh sandbox with a fault-injecting front (fake-upstream.ts with a target) before it: the
 * server under test is pointed at the front, so a test scripts what happens to chosen requests
 * (before or after the sandbox acted on them) while every other request reaches the sandbox untouched.
 */
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { type FakeUpstream, type SeenRequest, startFakeUpstream } from './fake-upstream.js';
import type { HarnessOptions } from './harness.js';

/** A request as the sandbox's routes see it: provider and path below its base URL. */
export interface Where {
  provider: 'samsar' | 'samautomation' | 'files';
  path: string;
  method: string;
}

export interface FaultFront {
  sandbox: SandboxHandle;
  front: FakeUpstream;
  /** For startHarness: the server talks to the sandbox through the front, with the sandbox's keys. */
  upstream: NonNullable<HarnessOptions['upstream']>;
  where(r: Pick<SeenRequest, 'method' | 'path'>): Where;
  close(): Promise<void>;
}

/** `scripted` picks the requests that take the front's script; all others are relayed. */
export async function startFaultFront(scripted: (w: Where) => boolean = () => true): Promise<FaultFront> {
  const sandbox = await startSandbox({ renderSeconds: 1 });
  const mounts = [
    { provider: 'samsar', prefix: new URL(sandbox.samsarBaseUrl).pathname },
    { provider: 'samautomation', prefix: new URL(sandbox.samautomationBaseUrl).pathname },
  ] as const;
  const where = (r: Pick<SeenRequest, 'method' | 'path'>): Where => {
    const m = mounts.find((x) => r.path.startsWith(`${x.prefix}/`));
    return m
      ? { provider: m.provider, path: r.path.slice(m.prefix.length), method: r.method }
      : { provider: 'files', path: r.path, method: r.method };
  };
  const front = await startFakeUpstream(0, { target: sandbox.url, scripted: (r) => scripted(where(r)) });
  return {
    sandbox,
    front,
    upstream: {
      sandbox,
      samsarBaseUrl: `${front.url}${mounts[0].prefix}`,
      samautomationBaseUrl: `${front.url}${mounts[1].prefix}`,
    },
    where,
    close: async () => {
      await front.close();
      await sandbox.close();
    },
  };
}
