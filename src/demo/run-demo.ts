#!/usr/bin/env node
/**
 * The first-run demo: a real MCP client starts videogen-mcp over stdio against the embedded sandbox
 * and walks the whole flow a person would: list models -> estimate -> confirm -> create -> wait (with a
 * live progress bar) -> download -> spending report. Prints to the terminal; it is a client, not the server.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createProgressView } from './progress-bar.js';

type Result = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  // biome-ignore lint/suspicious/noExplicitAny: the demo reads results loosely, as an agent would
  structuredContent?: Record<string, any>;
};

const out = (line = '') => process.stdout.write(`${line}\n`);
const textOf = (r: Result) => r.content.map((c) => c.text ?? '').join('\n');

async function main(): Promise<void> {
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'index.js');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-demo-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin],
    env: {
      ...(process.env as Record<string, string>),
      VIDEOGEN_SANDBOX: '1',
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '90',
      VIDEOGEN_TIME_SCALE: '15',
      VIDEOGEN_DATA_DIR: dataDir,
      VIDEOGEN_LOG_LEVEL: 'warn',
    },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'videogen-demo', version: '1.0.0' }, {
    versionNegotiation: { mode: 'auto' },
  } as never);
  await client.connect(transport as never);
  const call = async (name: string, args: Record<string, unknown> = {}, opts?: object): Promise<Result> => {
    const r = (await client.callTool({ name, arguments: args }, opts as never)) as Result;
    if (r.isError) throw new Error(`${name} failed: ${textOf(r)}`);
    return r;
  };

  try {
    out(
      'videogen-mcp demo: a real MCP client driving the server against its embedded sandbox (nothing is charged).',
    );
    const { tools } = await client.listTools();
    out(`Connected over stdio: ${tools.length} tools.\n`);

    out('1. samsar_list_models');
    const models = await call('samsar_list_models');
    for (const m of models.structuredContent?.result?.VIDEO_MODELS ?? []) {
      out(`   ${String(m.value).padEnd(18)} ${m.basePrice} credits/s`);
    }

    const request = {
      prompt: 'A timelapse of clouds over a futuristic city at sunrise',
      image_model: 'GPTIMAGE2',
      video_model: 'RUNWAYML',
      duration: 10,
      aspect_ratio: '16:9',
      language: 'en',
    };
    out('\n2. estimate_cost for samsar_text_to_video (10 s, RUNWAYML)');
    const quote = (await call('estimate_cost', { tool: 'samsar_text_to_video', arguments: request }))
      .structuredContent!;
    out(`   ${quote.credits} credits: ${quote.formula}`);
    for (const b of quote.breakdown ?? []) out(`     ${String(b.item).padEnd(22)} ${b.credits}`);

    out('\n3. The person confirms the quote (the demo answers yes for you).');
    out('\n4. samsar_text_to_video with the confirmation token');
    const created = await call('samsar_text_to_video', {
      ...request,
      confirmation_token: quote.confirmation_token,
    });
    const job = created.structuredContent!.job as { id: string };
    const credits = created.structuredContent!.credits as
      | { charged?: number; remaining?: number }
      | undefined;
    out(
      `   session ${job.id}; charged ${credits?.charged ?? '?'} credits, ${credits?.remaining ?? '?'} left`,
    );

    out('\n5. wait_for_job (progress streamed by the server)');
    const bar = createProgressView();
    let finished: Result | undefined;
    for (let round = 0; round < 10 && !finished; round++) {
      const r = await call(
        'wait_for_job',
        { provider: 'samsar', id: job.id, max_wait_seconds: 600 },
        {
          onprogress: (p: { progress: number; total?: number; message?: string }) =>
            bar.update(p.total ? p.progress / p.total : Math.min(0.99, p.progress / 100), p.message ?? ''),
          resetTimeoutOnProgress: true,
        },
      );
      if (r.structuredContent?.state !== 'pending') finished = r;
    }
    if (!finished) throw new Error('the render did not finish');
    bar.done(
      `   ${finished.structuredContent?.state}: ${(finished.structuredContent?.result_urls ?? [])[0] ?? ''}`,
    );

    out('\n6. download_video');
    const saved = (await call('download_video', { provider: 'samsar', id: job.id, overwrite: true }))
      .structuredContent!;
    out(`   saved ${saved.path} (${saved.bytes} bytes, ${saved.duration_seconds} s)`);

    out('\n7. spending_report');
    const report = await call('spending_report');
    out(
      textOf(report)
        .split('\n')
        .filter((l) => !l.startsWith('{'))
        .map((l) => `   ${l}`)
        .join('\n'),
    );
    out('\nDone. Set SAMSAR_API_KEY to use the real API; see README.md for client set-up.');
  } finally {
    await client.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
