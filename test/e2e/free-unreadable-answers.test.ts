/**
 * Free calls whose 2xx answer cannot be read, through a real MCP client and a fault-injecting front
 * before the sandbox: a read is retried like a 5xx (bounded, with backoff) and then reported as an
 * upstream error that says what came back; a free write is not repeated (it may have happened), and
 * its error says so instead of only blaming the base URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_READ_RETRIES } from '../../src/http/retry-policy.js';
import { type FaultFront, startFaultFront, type Where } from '../helpers/fault-front.js';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const HTML_200 = {
  status: 200,
  body: '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon</body></html>',
  headers: { 'content-type': 'text/html' },
};
const TRUNCATED = {
  status: 200,
  body: '{"success":true,"data":{"tasks":[{"id":"',
  headers: { 'content-type': 'application/json' },
};

describe('free calls with an unreadable 2xx answer', () => {
  let f: FaultFront | undefined;
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    await f?.close();
  });
  const start = async (scripted: (w: Where) => boolean) => {
    f = await startFaultFront(scripted);
    h = await startHarness({ upstream: f.upstream });
    return { f, h };
  };
  const tasksList = (w: Where) =>
    w.method === 'GET' && w.path.startsWith('/api/function/video-generation/tasks');

  it('retries a read that got an HTML page with 200, and answers once the JSON comes', async () => {
    const { f, h } = await start(tasksList);
    f.front.script(HTML_200, { relay: true, forward: true });
    const r = await h.call('samautomation_list_tasks', {});
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(sc(r).result.success).toBe(true);
    expect(f.front.seen.filter((s) => tasksList(f.where(s)))).toHaveLength(2);
  });

  it('gives up on a read after the bounded retries and says what came back', async () => {
    const { f, h } = await start(tasksList);
    f.front.script(TRUNCATED);
    const r = await h.call('samautomation_list_tasks', {});
    expect(sc(r).code, h.text(r)).toBe('upstream_unexpected_response');
    expect(h.text(r)).toContain(
      `answered 200 with application/json '{"success":true,"data":{"tasks":[{"id":"'`,
    );
    expect(h.text(r)).toContain('SAMAUTOMATION_BASE_URL');
    expect(f.front.seen.filter((s) => tasksList(f.where(s)))).toHaveLength(1 + MAX_READ_RETRIES);
  });

  it('does not repeat a free write whose 2xx answer cannot be read: it may have been carried out', async () => {
    const createTemplate = (w: Where) => w.method === 'POST' && w.path === '/api/templates/';
    const { f, h } = await start(createTemplate);
    f.front.script({ ...HTML_200, forward: true }, { relay: true, forward: true });
    const r = await h.call('samautomation_create_template', {
      name: 'Promo',
      settings: { output_settings: { aspect_ratio: '9:16' } },
    });
    expect(sc(r).code, h.text(r)).toBe('upstream_unexpected_response');
    expect(h.text(r)).toContain("an HTML page titled 'Maintenance'");
    expect(h.text(r)).toMatch(/may have carried it out: check .* before sending it again/);
    // Sent once, and the sandbox did create it: the warning was warranted.
    expect(f.sandbox.requests.writes('samautomation')).toHaveLength(1);
    const list = await h.call('samautomation_list_templates', {});
    expect(JSON.stringify(sc(list).result)).toContain('Promo');
  });
});
