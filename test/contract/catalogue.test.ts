/**
 * Invariants over every tool the server registers: names exactly as the public surface fixes them, honest and
 * explicit annotations, plain object schemas, short descriptions, and a snapshot of the surface.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod/v4';
import { mayCharge } from '../../src/catalogue/define.js';
import { catalogue } from '../../src/catalogue/index.js';
import { registeredInput } from '../../src/tool-surface/registered-input.js';
import { ownTools } from '../../src/tools/index.js';
import { type Harness, startHarness } from '../helpers/harness.js';

/** The public tool surface: these names are fixed (a rename breaks every agent and prompt that uses them). */
const documented = [
  'samsar_list_models',
  'samsar_list_fonts',
  'samsar_text_to_video',
  'samsar_image_list_to_video',
  'samsar_add_outro_image',
  'samsar_update_outro_image',
  'samsar_update_footer_image',
  'samsar_clone_video',
  'samsar_translate_video',
  'samsar_join_videos',
  'samsar_remove_subtitles',
  'samsar_add_subtitles',
  'samsar_cancel_render',
  'samsar_fetch_latest_version',
  'samsar_list_completed_sessions',
  'samsar_get_status',
  'samautomation_mix_video',
  'samautomation_simple_video',
  'samautomation_loop_video',
  'samautomation_get_progress',
  'samautomation_list_tasks',
  'samautomation_usage_summary',
  'samautomation_advanced_video',
  'samautomation_advanced_video_progress',
  'samautomation_async_status',
  'samautomation_async_cancel',
  'samautomation_queue_status',
  'samautomation_async_health',
  'samautomation_create_template',
  'samautomation_list_templates',
  'samautomation_get_template',
  'samautomation_update_template',
  'samautomation_delete_template',
  'samautomation_apply_template',
  'samautomation_buy_video_pack',
  'samautomation_list_ai_models',
  'samautomation_create_ai_job',
  'samautomation_get_ai_job',
  'samautomation_credit_balance',
  'estimate_cost',
  'wait_for_job',
  'download_video',
  'spending_report',
];
const all = [...catalogue, ...ownTools];

describe('tool surface contract', () => {
  let h: Harness;
  let listed: Array<{
    name: string;
    inputSchema: Record<string, unknown>;
    annotations?: Record<string, unknown>;
    description?: string;
  }>;
  beforeAll(async () => {
    h = await startHarness();
    listed = (await h.client.listTools()).tools;
  });
  afterAll(() => h.close());

  it('registers exactly the tools of the public surface', () => {
    expect(documented.length).toBe(43);
    expect([...listed.map((t) => t.name)].sort()).toEqual([...documented].sort());
  });

  it('has unique names', () => {
    expect(new Set(all.map((t) => t.name)).size).toBe(all.length);
  });

  it.each(all.map((t) => [t.name, t] as const))('%s declares honest annotations', (_name, tool) => {
    const a = tool.annotations;
    for (const key of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
      expect(typeof a[key]).toBe('boolean');
    }
    expect(a.readOnlyHint && a.destructiveHint).toBe(false);
    if (mayCharge(tool)) expect(a.readOnlyHint).toBe(false);
    if (/cancel|delete/.test(tool.name)) expect(a.destructiveHint).toBe(true);
  });

  it('gives every tool a plain object input schema and a short description', () => {
    for (const t of listed) {
      expect(t.inputSchema.type, t.name).toBe('object');
      expect(t.description?.length ?? 0, t.name).toBeGreaterThan(20);
      expect(t.description?.length ?? 0, t.name).toBeLessThanOrEqual(300);
    }
  });

  it('asks paid tools for a confirmation token and marks their billing class', () => {
    for (const t of listed) {
      const tool = all.find((x) => x.name === t.name)!;
      const props = (t.inputSchema.properties ?? {}) as Record<string, unknown>;
      expect('confirmation_token' in props, t.name).toBe(mayCharge(tool));
    }
  });

  it('publishes no object that would drop an unknown key silently: each is strict or passes it on', () => {
    // A missing additionalProperties in tools/list means "extra keys pass through"; zod's default
    // object strips them instead, so none may remain anywhere in a registered schema.
    for (const tool of all) expect(strippingObjects(registeredInput(tool), tool.name), tool.name).toEqual([]);
    for (const t of listed) expect(t.inputSchema.additionalProperties, t.name).toBe(false);
  });

  it('describes the nested objects it validates: settings, the advanced config, exports', () => {
    const props = (name: string) =>
      // biome-ignore lint/suspicious/noExplicitAny: tests read nested schema nodes
      listed.find((t) => t.name === name)!.inputSchema.properties as Record<string, any>;
    expect(Object.keys(props('samautomation_mix_video').settings.properties)).toContain('transition_type');
    expect(props('samautomation_simple_video').settings.properties.fps).toEqual({
      type: 'number',
      minimum: 15,
      maximum: 60,
    });
    const advanced = props('samautomation_advanced_video');
    expect(advanced.media_inputs.properties.main_clips).toMatchObject({ minItems: 1, maxItems: 100 });
    expect(advanced.audio_settings.properties.voice_over_volume_percent).toEqual({
      type: 'number',
      minimum: 0,
      maximum: 100,
    });
    const exportsSchema = props('samautomation_loop_video').exports;
    expect(exportsSchema.additionalProperties).toBe(false);
    expect(exportsSchema.properties.destinations.items.properties.type.enum).toEqual([
      'email',
      'ftp',
      'sftp',
    ]);
  });

  it('matches the committed snapshot of the tool surface', () => {
    const surface = listed.map((t) => ({
      name: t.name,
      annotations: t.annotations,
      inputSchema: t.inputSchema,
    }));
    expect(JSON.stringify(surface, null, 1)).toMatchSnapshot();
  });
});

/** Paths of zod objects in the default (strip) mode: they would drop an unknown key without a word. */
function strippingObjects(schema: z.ZodType, path: string): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => (def[key] ? strippingObjects(def[key] as z.ZodType, path) : []);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return [
        ...(def.catchall === undefined ? [path] : []),
        ...Object.entries(shape).flatMap(([k, v]) => strippingObjects(v, `${path}.${k}`)),
      ];
    }
    case 'array':
      return inner('element');
    case 'record':
      return inner('valueType');
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => strippingObjects(o, path));
    case 'pipe':
      return [...inner('in'), ...inner('out')];
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    default:
      return inner('innerType');
  }
}
