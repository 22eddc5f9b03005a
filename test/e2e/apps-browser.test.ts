/**
 * The MCP Apps views in a real browser: Debian's Chromium, a host page on the ext-apps AppBridge,
 * the real server over HTTP on 127.0.0.1 against the embedded sandbox. A person confirms a quote
 * with one click (one charge, never two), watches a render advance to the end, plays and saves the
 * result, and reads the spend. Screenshots of the four views go to VIDEOGEN_APPS_SCREENSHOTS (the
 * README's are docs/apps-*.png, taken with VIDEOGEN_APPS_SCREENSHOTS=docs).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBox, parseMvhd } from '../../src/media/mp4-boxes.js';
import {
  CHROMIUM,
  HOST_CONTEXT,
  type Loose,
  launchChromium,
  openHost,
  requireBuiltViews,
  type TestHost,
} from '../apps/browser-host.js';
import type { HostPageApi } from '../apps/host/page-api.js';
import { ledgerRecords } from '../helpers/harness.js';
import { type HttpHarness, startHttpHarness } from '../helpers/http-server.js';
import { RENDER } from '../helpers/jobs.js';

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.VIDEOGEN_REQUIRE_BROWSER === '1') {
    throw new Error(
      `VIDEOGEN_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium)`,
    );
  }
  console.warn(`MCP Apps browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium).`);
}

const SHOTS = process.env.VIDEOGEN_APPS_SCREENSHOTS
  ? path.resolve(process.env.VIDEOGEN_APPS_SCREENSHOTS)
  : path.join(os.tmpdir(), 'videogen-apps-screenshots');
const sc = (r: Loose) => (r.structuredContent ?? {}) as Loose;
const creditsText = (n: number) => `${new Intl.NumberFormat('en').format(n)} credits`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The parts of a <video> the test reads (page.evaluate callbacks run in the browser, so no helpers). */
interface Media {
  readyState: number;
  duration: number;
  currentSrc: string;
  currentTime: number;
  addEventListener(type: string, listener: () => void, options?: { once: boolean }): void;
}

/** Seconds of media in an MP4: its longest track (mdhd has mvhd's layout for these fields). */
function mediaSeconds(buf: Buffer): number {
  const moov = findBox(buf, 'moov')!;
  let longest = 0;
  for (let at = moov.start + moov.headerSize; at < moov.start + moov.size; ) {
    const trak = findBox(buf, 'trak', at, moov.start + moov.size);
    if (!trak) break;
    const inner = (box: { start: number; headerSize: number; size: number }, type: string) =>
      findBox(buf, type, box.start + box.headerSize, box.start + box.size)!;
    const mdhd = parseMvhd(buf, inner(inner(trak, 'mdia'), 'mdhd'));
    longest = Math.max(longest, mdhd.duration / mdhd.timescale);
    at = trak.start + trak.size;
  }
  return longest;
}

describe.skipIf(!haveBrowser)('MCP Apps views in Chromium', () => {
  let h: HttpHarness;
  let browser: Browser;
  let host: TestHost;
  /** The job the Quote view's Confirm started. */
  let confirmedJob: Loose;
  beforeAll(async () => {
    requireBuiltViews();
    mkdirSync(SHOTS, { recursive: true });
    h = await startHttpHarness({
      VIDEOGEN_DAILY_CREDIT_BUDGET: '2000',
      // A 60 s render takes 6 s: long enough to watch it advance (and cancel one), short for a test.
      VIDEOGEN_TIME_SCALE: '10',
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '60',
    });
    browser = await launchChromium();
    host = await openHost(browser, h.url);
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await browser?.close();
    await h?.close();
  });

  const writes = () => h.sandbox.requests.writes('samsar').length;
  const balance = () => h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!;
  const shot = (frame: TestHost['page'], name: string) =>
    frame.locator('#stage iframe').screenshot({ path: path.join(SHOTS, `apps-${name}.png`) });

  it('Quote: shows the real estimate, and one Confirm is one charge (a second press sends nothing)', async () => {
    const { result, frame } = await host.show('estimate_cost', {
      tool: 'samsar_text_to_video',
      arguments: RENDER,
    });
    const quote = sc(result);
    expect(quote.credits).toBeGreaterThan(0);
    await expect.poll(() => frame.getByTestId('amount').textContent()).toBe(creditsText(quote.credits));
    const confirm = frame.getByRole('button', { name: `Confirm and spend ${creditsText(quote.credits)}` });
    await confirm.waitFor();
    expect(await frame.getByTestId('budget').textContent()).toContain('2,000 credits left of 2,000 credits');
    const table = await frame.getByRole('table').textContent();
    for (const b of quote.breakdown as Array<{ item: string }>) expect(table).toContain(b.item);
    expect(await frame.getByRole('row', { name: /^Total/ }).textContent()).toContain(String(quote.credits));
    await shot(host.page, 'quote');

    const before = { writes: writes(), balance: balance(), ledger: (await ledgerRecords(h.app)).length };
    // By keyboard: Enter on Confirm; then Enter again and a click on the spent button, which the
    // view may already have replaced by the render (a click still reaches its listener).
    const button = (await confirm.elementHandle())!;
    await confirm.focus();
    await host.page.keyboard.press('Enter');
    await host.page.keyboard.press('Enter');
    await button.dispatchEvent('click');
    // The view goes on to follow the render it started; its first status check comes after the call.
    await expect.poll(async () => (await host.viewCalls()).some((c) => c.name === 'wait_for_job')).toBe(true);
    const paid = (await host.viewCalls()).filter((c) => c.name === 'samsar_text_to_video');
    expect(paid).toHaveLength(1);
    expect(paid[0]!.arguments).toEqual({ ...RENDER, confirmation_token: quote.confirmation_token });
    expect(writes()).toBe(before.writes + 1);
    expect(before.balance - balance()).toBe(quote.credits);
    const records = (await ledgerRecords(h.app)).slice(before.ledger);
    expect(records.map((r) => [r.tool, r.outcome, r.quoted])).toEqual([
      ['samsar_text_to_video', 'sent', quote.credits],
    ]);
    confirmedJob = { provider: 'samsar', id: records[0]!.request_id };
    expect(confirmedJob.id).toBeTruthy();
  });

  it('Render: the progress advances through the host to done, then the video plays and saves', async () => {
    const args = { ...RENDER, prompt: 'Rain over a harbour' };
    const quote = sc(
      await host.agent.callTool({
        name: 'estimate_cost',
        arguments: { tool: 'samsar_text_to_video', arguments: args },
      }),
    );
    const call = { ...args, confirmation_token: quote.confirmation_token };
    const created = (await host.agent.callTool({ name: 'samsar_text_to_video', arguments: call })) as Loose;
    expect(created.isError).toBeFalsy();
    const { frame } = await host.showResult('samsar_text_to_video', call, created);
    const bar = frame.getByRole('progressbar', { name: 'Progress' });
    await bar.waitFor();
    const seen: number[] = [];
    let stages = 0;
    let shotTaken = false;
    const video = frame.locator('video');
    const deadline = Date.now() + 60_000;
    while ((await video.count()) === 0 && Date.now() < deadline) {
      const value = await bar
        .evaluate(
          (el) => (el.hasAttribute('value') ? (el as unknown as { value: number }).value : null),
          undefined,
          {
            timeout: 500,
          },
        )
        .catch(() => null);
      if (value !== null && seen.at(-1) !== value) seen.push(value);
      stages = Math.max(stages, await frame.getByRole('list', { name: 'Stages' }).locator('li').count());
      if (!shotTaken && value !== null && value >= 40 && value < 100) {
        await shot(host.page, 'render');
        shotTaken = true;
      }
      await sleep(20);
    }
    expect(
      seen.some((v) => v > 0 && v < 100),
      `progress seen: ${seen}`,
    ).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(stages).toBeGreaterThanOrEqual(2);
    expect(shotTaken).toBe(true);
    const refreshes = (await host.viewCalls()).filter((c) => c.name === 'wait_for_job');
    expect(refreshes.length).toBeGreaterThanOrEqual(2);

    await frame.getByRole('heading', { name: 'Your video' }).waitFor();
    const save = frame.getByRole('button', { name: 'Save to disk' });
    await save.click();
    await expect
      .poll(() => frame.getByRole('status').last().textContent(), { timeout: 10_000 })
      .toMatch(/^Saved to /);
    const saved = (await frame.getByRole('status').last().textContent())!.replace(
      /^Saved to (.+) \(.*$/,
      '$1',
    );
    expect(statSync(saved).size).toBeGreaterThan(0);
    const job = sc(created).job as Loose;
    expect((await host.viewCalls()).filter((c) => c.name === 'download_video')).toEqual([
      { name: 'download_video', arguments: { provider: 'samsar', id: job.id } },
    ]);
  });

  it('Player: the video loads the sandbox MP4, with its length as rendered', async () => {
    const done = sc(
      await host.agent.callTool({
        name: 'wait_for_job',
        arguments: { ...confirmedJob, max_wait_seconds: 600 },
      }),
    );
    expect(done.state).toBe('completed');
    const { result, frame } = await host.show('download_video', {
      ...confirmedJob,
      filename: 'player-view.mp4',
    });
    const file = sc(result);
    const video = frame.locator('video');
    // HAVE_METADATA (1) or more: the frame, under the CSP its resource declares, loaded the file.
    await expect
      .poll(() => video.evaluate((v) => (v as unknown as Media).readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    // The length the browser found is the media's own: the tracks of the file as rendered (the
    // sandbox stamps each session's length into the movie header only, over a short sample clip).
    const duration = await video.evaluate((v) => (v as unknown as Media).duration);
    expect(Math.abs(duration - mediaSeconds(readFileSync(file.path)))).toBeLessThan(0.1);
    expect(await video.evaluate((v) => (v as unknown as Media).currentSrc)).toBe(file.url);
    const tenths = Math.round(duration * 10) / 10;
    const shown = Number.isInteger(tenths)
      ? `0:${String(tenths).padStart(2, '0')}`
      : `0:${tenths.toFixed(1).padStart(4, '0')}`;
    await expect.poll(() => frame.getByTestId('length').textContent()).toBe(shown);
    expect(await frame.getByRole('status').textContent()).toContain(file.path);
    // Language and subtitles come from the job (the view asks wait_for_job through the host).
    if (done.language) {
      const name = new Intl.DisplayNames(['en-GB'], { type: 'language' }).of(done.language);
      await expect.poll(() => frame.getByTestId('language').textContent()).toBe(name);
    }
    if (typeof done.has_subtitles === 'boolean') {
      await expect
        .poll(() => frame.getByTestId('subtitles').textContent())
        .toBe(done.has_subtitles ? 'On' : 'Off');
    }
    await video.evaluate(
      (v) =>
        new Promise<void>((resolve) => {
          (v as unknown as Media).addEventListener('seeked', resolve, { once: true });
          (v as unknown as Media).currentTime = Math.min(1, (v as unknown as Media).duration / 2);
        }),
    );
    // HAVE_CURRENT_DATA: a decoded frame to show (and the loading spinner gone) for the screenshot.
    await expect
      .poll(() => video.evaluate((v) => (v as unknown as Media).readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    await sleep(500);
    await shot(host.page, 'player');
  });

  it('Spending: shows the confirmed spend by day and by tool, and the balances', async () => {
    const { result, frame } = await host.show('spending_report', {});
    const report = sc(result);
    const confirmed = (await ledgerRecords(h.app))
      .filter((r) => r.tool === 'samsar_text_to_video' && r.outcome === 'sent')
      .reduce((sum, r) => sum + (r.charged ?? r.quoted), 0);
    expect(confirmed).toBeGreaterThan(0);
    const row = (report.by_tool as Loose[]).find((t) => t.tool === 'samsar_text_to_video')!;
    expect(row.credits).toBe(confirmed);
    const byTool = frame.getByTestId('by-tool').getByRole('row', { name: /samsar_text_to_video/ });
    await expect.poll(() => byTool.textContent()).toContain(creditsText(confirmed));
    const today = (report.by_day as Loose[]).at(-1)!;
    expect(
      await frame
        .getByTestId('by-day')
        .getByRole('row', { name: new RegExp(today.day) })
        .textContent(),
    ).toContain(creditsText(today.credits));
    const balances = await frame.getByTestId('balances').textContent();
    expect(balances).toContain(creditsText(report.providers.samsar.credits_remaining));
    await shot(host.page, 'spending');
  });

  it('follows the host theme, and its changes', async () => {
    const { frame } = await host.show('spending_report', {});
    const body = frame.locator('body');
    await frame.getByRole('heading', { name: 'Spending' }).waitFor();
    const background = () =>
      body.evaluate(
        (b) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
          ).getComputedStyle(b).backgroundColor,
      );
    expect(await background()).toBe('rgb(251, 250, 247)');
    await host.page.evaluate(
      (vars) =>
        (globalThis as unknown as HostPageApi).setHostContext({
          theme: 'dark',
          styles: { variables: vars as never },
        }),
      {
        ...HOST_CONTEXT.styles!.variables,
        '--color-background-primary': '#1f1e1d',
        '--color-text-primary': '#f5f4ef',
      },
    );
    await expect.poll(background).toBe('rgb(31, 30, 29)');
    expect(await frame.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('Quote: an indicative price (price fields only) shows the amount and nothing to confirm', async () => {
    const { result, frame } = await host.show('estimate_cost', {
      tool: 'samsar_text_to_video',
      arguments: { video_model: 'RUNWAYML', duration: 10 },
    });
    const quote = sc(result);
    expect(quote.indicative).toBe(true);
    await expect.poll(() => frame.getByTestId('amount').textContent()).toBe(creditsText(quote.credits));
    const note = await frame.getByTestId('indicative').textContent();
    for (const field of quote.missing_for_call as string[]) expect(note).toContain(field);
    expect(await frame.getByRole('button').count()).toBe(0);
  });

  it("Render: a paid tool's confirmation request shows the quote; Cancel sends nothing", async () => {
    const before = { writes: writes(), calls: (await host.viewCalls()).length };
    const args = { ...RENDER, prompt: 'Snow on a mountain' };
    const { result, frame } = await host.show('samsar_text_to_video', args);
    expect(sc(result).code).toBe('confirmation_required');
    await expect
      .poll(() => frame.getByTestId('amount').textContent())
      .toBe(creditsText(sc(result).quote.credits));
    await frame.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => frame.getByRole('status').textContent()).toContain('Nothing was sent');
    expect(await frame.getByRole('button', { name: /^Confirm/ }).isDisabled()).toBe(true);
    expect(writes()).toBe(before.writes);
    expect((await host.viewCalls()).length).toBe(before.calls);
  });

  it('Render: Cancel render stops the render at the provider', async () => {
    const { result, frame } = await host.show('samsar_remove_subtitles', { session_id: confirmedJob.id });
    const job = sc(result).job as Loose;
    await frame.getByRole('button', { name: 'Cancel render' }).click();
    await expect
      .poll(() => frame.getByRole('alert').textContent(), { timeout: 20_000 })
      .toContain('cancelled');
    const cancels = h.sandbox.requests
      .writes('samsar')
      .filter((r) => r.path.endsWith('/video/cancel_render'));
    expect(cancels.some((r) => JSON.stringify(r.body).includes(`"${job.id}"`))).toBe(true);
  });
});
