import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { recordResourceChanges, startAiJob, startSamsarRender } from '../helpers/jobs.js';

type Contents = { contents: Array<{ uri: string; mimeType?: string; text?: string }> };

describe('resources', () => {
  let h: Harness;
  const read = async (uri: string) => {
    const r = (await h.client.readResource({ uri })) as Contents;
    expect(r.contents[0]!.mimeType).toBe('application/json');
    return JSON.parse(r.contents[0]!.text!);
  };
  const hits = (path: string) => h.sandbox.requests.entries.filter((e) => e.path === path).length;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
        // An hour of simulated render (36 s of wall time): a read right after creation sees it pending
        // however busy the machine; tests step the sandbox clock to finish a render.
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '3600',
        VIDEOGEN_TIME_SCALE: '100',
      },
    });
  });
  afterAll(() => h.close());

  it('lists the fixed resources and the session and task templates', async () => {
    const { resources } = await h.client.listResources();
    const uris = resources.map((r: { uri: string }) => r.uri);
    for (const uri of [
      'samsar://models',
      'samsar://fonts',
      'samsar://sessions',
      'samautomation://ai-models',
      'samautomation://templates',
      'samautomation://tasks',
    ]) {
      expect(uris).toContain(uri);
    }
    const { resourceTemplates } = await h.client.listResourceTemplates();
    expect(resourceTemplates.map((t: { uriTemplate: string }) => t.uriTemplate)).toEqual(
      expect.arrayContaining(['samsar://sessions/{session_id}', 'samautomation://tasks/{id}']),
    );
  });

  it('reads models and fonts, cached for about an hour', async () => {
    const before = hits('/video/supported_models');
    const models = await read('samsar://models');
    expect(models.VIDEO_MODELS.map((m: { value: string }) => m.value)).toContain('RUNWAYML');
    await read('samsar://models');
    expect(hits('/video/supported_models')).toBe(before + 1);
    const fonts = await read('samsar://fonts');
    expect(fonts.fontsByLanguage.en).toContain('Poppins');
  });

  it('reads completed sessions and one session with its latest version', async () => {
    const id = await startSamsarRender(h);
    const pending = await read(`samsar://sessions/${id}`);
    expect(pending).toMatchObject({ id, state: 'pending' });
    expect(pending.latest_version).toMatchObject({ status: 'PENDING' });
    h.sandbox.samsar.advance(3_600_001);
    await h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    const done = await read(`samsar://sessions/${id}`);
    expect(done).toMatchObject({ id, state: 'completed', has_subtitles: true, language: 'en' });
    expect(done.latest_version.result_url).toBe(done.result_urls[0]);
    // The completed list was refreshed when wait_for_job saw the session complete.
    const list = await read('samsar://sessions');
    expect(list.map((s: { session_id: string }) => s.session_id)).toContain(id);
    const { resources } = await h.client.listResources();
    expect(resources.map((r: { uri: string }) => r.uri)).toContain(`samsar://sessions/${id}`);
  });

  it('completes session ids for the session template', async () => {
    const id = await startSamsarRender(h);
    h.sandbox.samsar.advance(3_600_001);
    await h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    const r = await h.client.complete({
      ref: { type: 'ref/resource', uri: 'samsar://sessions/{session_id}' },
      argument: { name: 'session_id', value: id.slice(0, 8) },
    });
    expect(r.completion.values).toContain(id);
  });

  it('reads SamAutomation AI models, templates and one AI job', async () => {
    const models = await read('samautomation://ai-models');
    expect(models.models.length).toBeGreaterThan(0);
    const templates = await read('samautomation://templates');
    expect(templates).toBeTypeOf('object');
    const id = await startAiJob(h);
    const job = await read(`samautomation://tasks/${id}`);
    expect(job).toMatchObject({ id, kind: 'samautomation_ai_job', state: 'pending', status: 'running' });
  });

  it('answers an unknown session with an error naming it', async () => {
    await expect(h.client.readResource({ uri: 'samsar://sessions/vid_nope' })).rejects.toThrow(
      /vid_nope|404/,
    );
  });
});

describe('resource subscriptions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '60',
        VIDEOGEN_TIME_SCALE: '100',
      },
    });
  });
  afterAll(() => h.close());

  it('tells subscribers when a followed session changes, and that the list changed when it completes', async () => {
    const changes = recordResourceChanges(h.client);
    const { updated } = changes;
    const id = await startSamsarRender(h);
    const other = await startSamsarRender(h);
    await h.client.subscribeResource({ uri: `samsar://sessions/${id}` });
    await h.client.subscribeResource({ uri: 'samsar://sessions' });
    await Promise.all([
      h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 }),
      h.call('wait_for_job', { provider: 'samsar', id: other, max_wait_seconds: 600 }),
    ]);
    const mine = updated.filter((u) => u === `samsar://sessions/${id}`).length;
    // One update per stage change (six stages) and one for completion.
    expect(mine).toBeGreaterThanOrEqual(4);
    expect(updated).not.toContain(`samsar://sessions/${other}`);
    expect(updated).toContain('samsar://sessions');
    expect(changes.listChanged).toBeGreaterThanOrEqual(1);

    await h.client.unsubscribeResource({ uri: `samsar://sessions/${id}` });
    const after = updated.length;
    const third = await startSamsarRender(h);
    await h.call('wait_for_job', { provider: 'samsar', id: third, max_wait_seconds: 600 });
    expect(updated.slice(after).filter((u) => u.startsWith('samsar://sessions/'))).toEqual([]);
  });
});

describe('resource change streams in the 2026 era (subscriptions/listen)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      era: '2026',
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '60',
        VIDEOGEN_TIME_SCALE: '100',
      },
    });
  });
  afterAll(() => h.close());

  it('delivers updates of the listened session and the list change, and nothing for others', async () => {
    const changes = recordResourceChanges(h.client);
    const { updated } = changes;
    const id = await startSamsarRender(h);
    const other = await startSamsarRender(h);
    const subscription = await h.client.listen({
      resourceSubscriptions: [`samsar://sessions/${id}`],
      resourcesListChanged: true,
    });
    await Promise.all([
      h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 }),
      h.call('wait_for_job', { provider: 'samsar', id: other, max_wait_seconds: 600 }),
    ]);
    await new Promise((r) => setTimeout(r, 50)); // let the stream flush
    expect(updated.filter((u) => u === `samsar://sessions/${id}`).length).toBeGreaterThanOrEqual(2);
    expect(updated).not.toContain(`samsar://sessions/${other}`);
    expect(changes.listChanged).toBeGreaterThanOrEqual(1);
    await subscription.close();
  });
});
