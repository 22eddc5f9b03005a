/**
 * One refusal shape for every refusal, in each protocol era (2025 and 2026 clients, and the v1 SDK
 * client): a schema failure and a refusal the server makes itself (a check against a live list)
 * both come back as a tool error whose structuredContent is {code, message, hint, fields: [{field,
 * problem, fix}]}, with every failing field at once and the tool that lists valid values. A key
 * the published schema does not document is refused with the key it most likely means; other keys
 * of pass-through objects are sent as given and listed back as unchecked. Quota and credits are
 * auto-approved, so a refusal that let anything through would show as a request to the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Era, type Harness, startHarness, type ToolResult } from '../helpers/harness.js';

const IMG = 'https://cdn.example.com/a.jpg';
const MEDIA = [{ type: 'image', url: IMG, duration: 3 }];

interface Refusal {
  code: string;
  message: string;
  hint?: string;
  fields: Array<{ field: string; problem: string; fix?: string }>;
}

/** The refusal, after checking it has exactly the documented shape. */
function refusal(r: ToolResult): Refusal {
  expect(r.isError).toBe(true);
  const s = r.structuredContent as unknown as Refusal;
  expect(Object.keys(s).sort()).toEqual(['code', 'fields', 'hint', 'message']);
  expect(s.code).toBe('invalid_input');
  for (const f of s.fields) {
    expect(Object.keys(f).every((k) => ['field', 'problem', 'fix'].includes(k))).toBe(true);
    expect(typeof f.field).toBe('string');
    expect(typeof f.problem).toBe('string');
  }
  return s;
}

const fieldsOf = (s: Refusal) => Object.fromEntries(s.fields.map((f) => [f.field, f]));

describe.each<Era>(['2025', '2026', 'v1'])('refusals through a %s client', (era) => {
  let h: Harness;
  const requests = () => h.sandbox.requests.entries.length;

  beforeAll(async () => {
    h = await startHarness({
      era,
      env: { VIDEOGEN_AUTO_APPROVE_QUOTA: '1', VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' },
    });
  });
  afterAll(() => h.close());

  it('refuses a near miss of a settings key, naming the documented key, and sends nothing', async () => {
    const before = requests();
    const r = await h.call('samautomation_mix_video', {
      media_list: MEDIA,
      settings: { transition: 'fade' },
    });
    const s = refusal(r);
    expect(s.fields).toEqual([
      { field: 'settings.transition', problem: 'unknown key', fix: 'did you mean transition_type?' },
    ]);
    expect(h.text(r)).toContain('did you mean transition_type');
    expect(requests()).toBe(before);
  });

  it('lists every failing field of a call at once, schema and key problems together', async () => {
    const before = requests();
    const r = await h.call('samautomation_mix_video', {
      media_list: [{ type: 'image', url: 'file:///etc/passwd' }, { url: IMG }],
      settings: { fps: 10, aspect_ratio: '4:3', fps_: 30, aspectRatio: '9:16', transition_type: 'fades' },
      exports: { callbackUrl: 'https://hooks.example.com/x' },
      voice: IMG,
    });
    const f = fieldsOf(refusal(r));
    expect(Object.keys(f).sort()).toEqual(
      [
        'exports.callbackUrl',
        'media_list.0.url',
        'media_list.1.type',
        'settings.aspectRatio',
        'settings.aspect_ratio',
        'settings.fps',
        'settings.fps_',
        'settings.transition_type',
        'voice',
      ].sort(),
    );
    expect(f['settings.fps_']!.fix).toBe('did you mean fps?');
    expect(f['settings.aspectRatio']!.fix).toBe('did you mean aspect_ratio?');
    expect(f['exports.callbackUrl']!.fix).toBe('did you mean callback_url?');
    expect(f.voice!.fix).toBe('did you mean voice_url?');
    expect(f['settings.fps']!.problem).toBe('must be a number from 15 to 60');
    expect(f['settings.aspect_ratio']!.problem).toBe('must be one of: 9:16, 16:9, 1:1');
    expect(f['settings.transition_type']!.fix).toBe('did you mean fade?');
    expect(f['media_list.1.type']!.problem).toBe('is required');
    // The text a text-only client reads carries each field and its fix too.
    for (const field of Object.keys(f)) expect(h.text(r)).toContain(field);
    expect(h.text(r)).toContain('did you mean callback_url?');
    expect(requests()).toBe(before);
  });

  it('names the tool that lists valid values: models, fonts, AI model ids', async () => {
    const before = requests();
    const samsar = fieldsOf(
      refusal(
        await h.call('samsar_text_to_video', {
          prompt: 'A lighthouse at dawn',
          image_model: 'DALLE',
          video_model: 'VEO4',
          duration: 10,
          font_key: 42,
        }),
      ),
    );
    expect(samsar.image_model!.fix).toBe('call samsar_list_models for valid values');
    expect(samsar.video_model!.fix).toBe('call samsar_list_models for valid values');
    expect(samsar.font_key!.fix).toBe('call samsar_list_fonts for valid values');
    const ai = fieldsOf(refusal(await h.call('samautomation_create_ai_job', { prompt: 'p' })));
    expect(ai.model_id).toEqual({
      field: 'model_id',
      problem: 'is required',
      fix: 'call samautomation_list_ai_models for valid values',
    });
    expect(requests()).toBe(before);
  });

  it('gives a refusal the server makes after the schema (a live list) the same shape', async () => {
    const writes = h.sandbox.requests.writes().length;
    const r = await h.call('samautomation_create_ai_job', { model_id: 'no-such-model', prompt: 'p' });
    const s = refusal(r);
    expect(s.fields).toEqual([
      {
        field: 'model_id',
        problem: "unknown model 'no-such-model'",
        fix: 'Call samautomation_list_ai_models for ids and capabilities.',
      },
    ]);
    expect(h.sandbox.requests.writes()).toHaveLength(writes);
  });

  it('refuses through estimate_cost exactly as the tool would, every field at once', async () => {
    const before = requests();
    const s = refusal(
      await h.call('estimate_cost', {
        tool: 'samautomation_mix_video',
        arguments: { media_list: [], settings: { transition: 'fade', fps: 61 } },
      }),
    );
    expect(s.fields.map((f) => f.field).sort()).toEqual([
      'media_list',
      'settings.fps',
      'settings.transition',
    ]);
    expect(fieldsOf(s)['settings.transition']!.fix).toBe('did you mean transition_type?');
    expect(requests()).toBe(before);
  });

  it('refuses an unknown argument of a tool whose inputs are all documented, never dropping it', async () => {
    const before = requests();
    const s = refusal(await h.call('samautomation_list_ai_models', { type: 'video', kind: 'video' }));
    expect(s.fields).toEqual([{ field: 'kind', problem: 'unknown key', fix: 'documented keys: type' }]);
    expect(requests()).toBe(before);
  });

  it('lists at most 50 problems, however many keys a call carries, and sends nothing', async () => {
    const before = requests();
    const flood = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key_${i}`, i]));
    const s = refusal(await h.call('samautomation_mix_video', { media_list: MEDIA, exports: flood }));
    expect(s.fields).toHaveLength(51);
    expect(s.fields[0]).toMatchObject({ field: 'exports.key_0', problem: 'unknown key' });
    expect(s.fields.at(-1)).toEqual({ field: 'arguments', problem: 'more problems than listed here' });
    expect(requests()).toBe(before);
  });

  it('refuses a value nested deeper than any documented one, even below a pass-through key', async () => {
    const before = requests();
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 1000; i++) deep = { n: deep };
    const s = refusal(
      await h.call('samautomation_mix_video', { media_list: MEDIA, settings: { my_key: deep } }),
    );
    expect(s.fields).toEqual([
      {
        field: ['settings', 'my_key', ...Array(63).fill('n')].join('.'),
        problem: 'is nested more than 64 levels deep',
      },
    ]);
    expect(requests()).toBe(before);
  });

  it('sends other keys of pass-through objects as given and lists them back as unchecked', async () => {
    const r = await h.call('samautomation_mix_video', {
      media_list: [{ ...MEDIA[0], caption_style: 'bold' }],
      settings: { aspect_ratio: '9:16', my_key: { depth: 1 } },
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(r.structuredContent?.unchecked_keys).toEqual(['media_list.0.caption_style', 'settings.my_key']);
    expect(h.text(r)).toContain(
      'Passed through unchecked (not documented keys; check the spelling): media_list.0.caption_style, settings.my_key.',
    );
    const sent = h.sandbox.requests.writes('samautomation').at(-1)!.body as {
      settings: unknown;
      media_list: Array<Record<string, unknown>>;
    };
    expect(sent.settings).toEqual({ aspect_ratio: '9:16', my_key: { depth: 1 } });
    expect(sent.media_list[0]!.caption_style).toBe('bold');
  });

  it('lists no unchecked keys when every key is documented', async () => {
    const r = await h.call('samautomation_mix_video', { media_list: MEDIA, settings: { fps: 30 } });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(r.structuredContent).not.toHaveProperty('unchecked_keys');
    expect(h.text(r)).not.toContain('unchecked');
  });
});
