/**
 * A whole paid flow through a connected client, as an agent runs it against the sandbox: estimate,
 * confirm with the token, create, wait_for_job until it ends, download_video. For tests of a server
 * started some way a user starts it (installed package, unpacked bundle).
 */
import { readFileSync, statSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/client';
import { expect } from 'vitest';
import { RENDER } from './jobs.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
type Result = { isError?: boolean; content: Array<{ text?: string }>; structuredContent?: Loose };

export async function callOk(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<Loose> {
  const r = (await client.callTool({ name, arguments: args })) as Result;
  expect(r.isError, `${name}: ${r.content.map((c) => c.text).join('\n')}`).toBeFalsy();
  return r.structuredContent ?? {};
}

export interface SavedVideo {
  path: string;
  bytes: number;
  durationSeconds: number;
}

/**
 * Renders RENDER (10 s) with a confirmed quote and saves it; checks the file on disk is the MP4 the
 * result describes. The server should run with a fast VIDEOGEN_TIME_SCALE.
 */
export async function renderAndDownload(client: Client): Promise<SavedVideo> {
  const quote = await callOk(client, 'estimate_cost', { tool: 'samsar_text_to_video', arguments: RENDER });
  expect(quote.confirmation_token).toEqual(expect.any(String));
  const created = await callOk(client, 'samsar_text_to_video', {
    ...RENDER,
    confirmation_token: quote.confirmation_token,
  });
  const id = created.job.id as string;
  let state = 'pending';
  for (let round = 0; round < 20 && state === 'pending'; round++) {
    state = (await callOk(client, 'wait_for_job', { provider: 'samsar', id, max_wait_seconds: 50 })).state;
  }
  expect(state).toBe('completed');
  const saved = await callOk(client, 'download_video', { provider: 'samsar', id });
  const file = readFileSync(saved.path);
  expect(statSync(saved.path).size).toBe(saved.bytes);
  expect(file.subarray(4, 8).toString('latin1')).toBe('ftyp'); // an MP4, not an error page
  expect(saved.duration_seconds).toBeCloseTo(RENDER.duration, 0);
  return { path: saved.path, bytes: saved.bytes, durationSeconds: saved.duration_seconds };
}
