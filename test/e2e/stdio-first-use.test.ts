/**
 * The built bin answers the handshake and tools/list from the tool manifest built into the bundle,
 * and loads the tools, the sandbox and the charge guard on first use. These run through the bin as a client would: the manifest must describe exactly the
 * tools the source defines, and each lazily loaded part must work when first needed.
 */
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../helpers/harness.js';
import { sandboxBinTransport } from '../helpers/spawn-bin.js';

const ARGS = {
  prompt: 'Clouds over a city',
  image_model: 'GPTIMAGE2',
  video_model: 'RUNWAYML',
  duration: 10,
};

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;

async function binClient(answer?: () => Loose, env: Record<string, string> = {}): Promise<Client> {
  const c = new Client(
    { name: 'first-use', version: '1.0.0' },
    { capabilities: answer ? { elicitation: { form: {} } } : {} },
  );
  if (answer) c.setRequestHandler('elicitation/create', async () => answer() as never);
  await c.connect(sandboxBinTransport({ env }));
  return c;
}

describe('the bundled bin', () => {
  it('lists exactly the tools the source defines, schemas and all', async () => {
    const h = await startHarness();
    const c = await binClient();
    try {
      const fromSource = (await h.client.listTools()).tools;
      const fromBundle = (await c.listTools()).tools;
      expect(fromBundle.map((t) => t.name)).toEqual(fromSource.map((t: Loose) => t.name));
      expect(fromBundle).toEqual(fromSource);
    } finally {
      await c.close();
      await h.close();
    }
  });

  it('confirms a charge by elicitation on its first paid call (the guard and sandbox load then)', async () => {
    const c = await binClient(() => ({ action: 'accept', content: { confirm: true } }));
    try {
      const r = (await c.callTool({ name: 'samsar_text_to_video', arguments: ARGS })) as Loose;
      expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      expect(r.structuredContent.sandbox).toBe(true);
      expect(r.structuredContent.cost).toMatchObject({ confirmed_by: 'elicitation', quoted: 300 });
    } finally {
      await c.close();
    }
  });

  it('takes an idempotency key on its file store (the key files load node:crypto on first use)', async () => {
    const c = await binClient(undefined, { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' });
    try {
      const args = { ...ARGS, idempotency_key: 'first-use-1' };
      const first = (await c.callTool({ name: 'samsar_text_to_video', arguments: args })) as Loose;
      expect(first.isError, JSON.stringify(first.content)).toBeFalsy();
      const again = (await c.callTool({ name: 'samsar_text_to_video', arguments: args })) as Loose;
      expect(again.structuredContent).toMatchObject({ replay: true, job: first.structuredContent.job });
    } finally {
      await c.close();
    }
  });

  it('refuses a malformed confirmation answer and charges nothing', async () => {
    const c = await binClient(() => ({ action: 'accept', content: { confirm: 'yes please' } }));
    try {
      const r = (await c.callTool({ name: 'samsar_text_to_video', arguments: ARGS })) as Loose;
      expect(r.structuredContent.code).toBe('confirmation_declined');
      const report = (await c.callTool({ name: 'spending_report', arguments: {} })) as Loose;
      expect(report.isError, JSON.stringify(report.content)).toBeFalsy();
      expect(report.structuredContent.by_tool).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('renders, follows and downloads through its bundled HTTP client (dist/undici.cjs)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'videogen-first-use-out-'));
    const c = await binClient(() => ({ action: 'accept', content: { confirm: true } }), {
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
      VIDEOGEN_TIME_SCALE: '100',
      VIDEOGEN_OUTPUT_DIR: out,
    });
    try {
      const made = (await c.callTool({ name: 'samsar_text_to_video', arguments: ARGS })) as Loose;
      const id = made.structuredContent.job.id as string;
      const done = (await c.callTool({
        name: 'wait_for_job',
        arguments: { provider: 'samsar', id, max_wait_seconds: 60 },
      })) as Loose;
      expect(done.structuredContent.status, JSON.stringify(done.content)).toBe('COMPLETED');
      const saved = (await c.callTool({
        name: 'download_video',
        arguments: { provider: 'samsar', id },
      })) as Loose;
      expect(saved.isError, JSON.stringify(saved.content)).toBeFalsy();
      expect(path.dirname(saved.structuredContent.path)).toBe(out);
      expect(statSync(saved.structuredContent.path).size).toBe(saved.structuredContent.bytes);
    } finally {
      await c.close();
    }
  });
});
