/**
 * A finished video where the person asked for it: a <video controls> element, its length (read
 * from the file itself), language and subtitles, and "Save to disk" through download_video.
 */
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { Bridge } from './bridge.js';
import { bytes, clock, h, replace } from './dom.js';
import { type JobFacts, type JobRef, type Json, type SavedFile, structured, summaryOf } from './results.js';

export interface Finished {
  url: string;
  /** The job, so download_video can resolve a fresh link; without it the URL is saved. */
  job?: JobRef;
  language?: string;
  has_subtitles?: boolean | null;
  duration_seconds?: number | null;
  /** Already saved (download_video's own answer). */
  saved?: SavedFile;
}

function fact(term: string, value: Node | string, testid?: string) {
  return [h('dt', {}, term), h('dd', testid ? { 'data-testid': testid } : {}, value)];
}

/** "en" -> "English", in the host's language when it says which. */
function languageName(code: string, locale: string | undefined): string {
  try {
    return new Intl.DisplayNames(locale ? [locale] : [], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function factsOf(
  facts: HTMLElement,
  length: HTMLElement,
  video: Pick<Finished, 'language' | 'has_subtitles'>,
  locale: string | undefined,
) {
  const subtitles =
    video.has_subtitles === undefined || video.has_subtitles === null
      ? undefined
      : video.has_subtitles
        ? 'On'
        : 'Off';
  facts.replaceChildren(
    ...fact('Length', length, 'length'),
    ...(video.language ? fact('Language', languageName(video.language, locale), 'language') : []),
    ...(subtitles ? fact('Subtitles', subtitles, 'subtitles') : []),
  );
}

export interface PlayerPanel {
  /** Adds what the job says about the video (download_video's answer does not carry it). */
  describe(facts: Pick<Finished, 'language' | 'has_subtitles'>): void;
}

export function playerPanel(root: Element, bridge: Bridge, video: Finished): PlayerPanel {
  const length = h('span', {}, video.duration_seconds ? clock(video.duration_seconds) : '…');
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const player = h('video', {
    controls: true,
    preload: 'metadata',
    playsinline: true,
    src: video.url,
    'aria-label': 'The rendered video',
  });
  player.addEventListener('loadedmetadata', () => {
    if (Number.isFinite(player.duration)) length.textContent = clock(Math.round(player.duration * 10) / 10);
  });
  player.addEventListener('error', () => {
    status.setAttribute('role', 'alert');
    status.textContent = `The video cannot be played here (${video.url}). Save it to disk to watch it.`;
  });

  const savedLine = (f: SavedFile) => `Saved to ${f.path} (${bytes(f.bytes)}).`;
  const save = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-action': 'save',
      onclick: async () => {
        if (save.disabled) return;
        save.disabled = true;
        status.textContent = 'Saving…';
        const args = video.job ? { provider: video.job.provider, id: video.job.id } : { url: video.url };
        try {
          const r = await bridge.callTool('download_video', args);
          if (r.isError) {
            save.disabled = false;
            status.setAttribute('role', 'alert');
            status.textContent = summaryOf(r);
            return;
          }
          status.setAttribute('role', 'status');
          status.textContent = savedLine(structured(r) as unknown as SavedFile);
          void bridge.tellModel(status.textContent);
        } catch (err) {
          save.disabled = false;
          status.textContent = `The host could not save it: ${(err as Error).message}`;
        }
      },
    },
    'Save to disk',
  );
  if (video.saved) status.textContent = savedLine(video.saved);
  const facts = h('dl', { class: 'facts' });
  factsOf(facts, length, video, bridge.context.locale);
  replace(
    root,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'player-title' },
      h('p', { class: 'eyebrow' }, 'Finished'),
      h('h1', { id: 'player-title' }, 'Your video'),
      player,
      facts,
      !video.saved && h('div', { class: 'actions' }, save),
      status,
    ),
  );
  return { describe: (more) => factsOf(facts, length, { ...video, ...more }, bridge.context.locale) };
}

/**
 * Shows download_video's answer (the saved file); false when the result is something else. When it
 * saved a job's video, the job's language and subtitles are asked of wait_for_job (free, instant
 * for a finished job).
 */
export function showSaved(root: Element, bridge: Bridge, result: CallToolResult, input: Json): boolean {
  const saved = structured(result) as unknown as SavedFile;
  if (result.isError || typeof saved.path !== 'string' || typeof saved.url !== 'string') return false;
  const panel = playerPanel(root, bridge, {
    url: saved.url,
    saved,
    duration_seconds: saved.duration_seconds,
  });
  if (typeof input.provider === 'string' && typeof input.id === 'string') {
    bridge
      .callTool('wait_for_job', { provider: input.provider, id: input.id, max_wait_seconds: 1 })
      .then((r) => {
        const job = structured(r) as unknown as JobFacts;
        if (job.state === 'completed') panel.describe(job);
      })
      .catch(() => undefined);
  }
  return true;
}
