/**
 * The server never disagrees with the schemas it publishes. Over every tool's inputSchema as
 * tools/list shows it, seeded single-fault mutations of a full sample (wrong types, nulls, bad
 * enums, out-of-range numbers, empty and huge strings and arrays, missing required keys, extra and
 * near-miss keys at each depth, reserved keys) are each refused in the one refusal shape, naming
 * the broken field, with nothing sent upstream (paid calls are auto-approved here, so anything let
 * through would reach the sandbox); afterwards the server still serves. And samples the published
 * schema calls valid are accepted by validation (checked through estimate_cost, which spends
 * nothing), apart from the cross-field rules JSON Schema cannot state, listed below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/catalogue/index.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { bounded, type Hints, inlineRefs, mutations, seeded, validValue } from '../helpers/schema-samples.js';

const SEED = 20_260_728;
/** Mutations tried per tool (spread over the kinds of fault). */
const PER_TOOL = 36;
/** Valid samples tried per catalogue tool. */
const VALID_PER_TOOL = 4;

type Tool = { name: string; inputSchema: Record<string, unknown> };

/** Formats the server checks without publishing them (URLs, task UUIDs, emails), read off the name. */
const hints: Hints = {
  string(name) {
    if (/url$|urls$|^cta_logo$/.test(name)) return 'https://cdn.example.com/sample.jpg';
    if (name === 'id' || name === 'task_id') return '3ec95f88-54bc-4b91-b2d0-d02da8929b4a';
    if (name === 'to') return 'ops@example.com';
    if (name === 'model_id') return 'wan-vace';
    return undefined;
  },
};

/**
 * Rules between fields, or against live lists, that JSON Schema cannot state: valid samples leave
 * these fields out (each is covered by its own tests: samsar-rules, samautomation-*).
 */
const CROSS_FIELD = new Set([
  'outro_image_url',
  'add_outro_animation',
  'add_outro_focus_area',
  'outro_focus_area',
  'generate_outro_image',
  'express_cta_generation',
  'cta_url',
  'cta_text',
  'cta_text_top',
  'cta_text_bottom',
  'cta_logo',
  'add_footer_animation',
  'footer_metadata',
  'remove_footer',
  'add_narrator_avatar',
  'limit_single_narrator',
  'font_key', // valid per language, from samsar_list_fonts
  'destinations', // per-type required fields; a name must be configured
  'callback_name', // must be configured
  'template_id', // must exist
  'callback_secret', // only with callback_url
]);

/** "At least one of" rules: what a sample needs besides the required keys. */
const ONE_OF: Record<string, Record<string, unknown>> = {
  samautomation_update_template: { name: 'Promo' },
  samsar_update_footer_image: { remove_footer: true },
  samsar_update_outro_image: { outro_image_url: 'https://cdn.example.com/outro.png' },
  samsar_add_outro_image: { outro_image_url: 'https://cdn.example.com/outro.png' },
  samautomation_advanced_video: {
    media_inputs: { main_clips: [{ type: 'image', url: 'https://cdn.example.com/a.jpg' }] },
  },
};

const sampleOf = (tool: Tool, include: (name: string) => boolean, seed: number) => ({
  ...(validValue(tool.inputSchema, [], seeded(seed), hints, {
    include: (path, name) => path.length > 0 && include(name),
  }) as Record<string, unknown>),
  ...ONE_OF[tool.name],
});

interface Refusal {
  code?: string;
  fields?: Array<{ field: string; problem: string }>;
}

describe('schema fuzz over every published tool schema', () => {
  let h: Harness;
  let tools: Tool[];

  beforeAll(async () => {
    h = await startHarness({
      env: { VIDEOGEN_AUTO_APPROVE_QUOTA: '1', VIDEOGEN_AUTO_APPROVE_CREDITS: '1000000' },
    });
    // The published schemas, with their $defs references resolved for the generator.
    tools = ((await h.client.listTools()).tools as Tool[]).map((t) => ({
      ...t,
      inputSchema: inlineRefs(t.inputSchema),
    }));
  });
  afterAll(() => h.close());

  it('refuses every generated invalid input in the one shape, naming the field, sending nothing', async () => {
    const r = seeded(SEED);
    let tried = 0;
    const kinds = new Set<string>();
    for (const tool of tools) {
      // A full sample (every optional key given) reaches every depth the schema describes.
      const base = validValue(tool.inputSchema, [], seeded(SEED), hints, { include: () => true }) as Record<
        string,
        unknown
      >;
      for (const m of bounded(mutations(tool.inputSchema, base), PER_TOOL, r)) {
        const before = h.sandbox.requests.entries.length;
        const res = await h.call(tool.name, m.args);
        const what = `${tool.name} ${m.kind} ${m.field}: ${h.text(res).slice(0, 300)}`;
        expect(res.isError, what).toBe(true);
        const s = res.structuredContent as Refusal;
        expect(s.code, what).toBe('invalid_input');
        expect(
          s.fields?.map((f) => f.field),
          what,
        ).toContain(m.field);
        for (const f of s.fields ?? []) expect(typeof f.problem, what).toBe('string');
        expect(h.sandbox.requests.entries.length, what).toBe(before);
        tried++;
        kinds.add(m.kind);
      }
    }
    expect(tried).toBeGreaterThan(tools.length * 10);
    expect([...kinds].sort()).toEqual(
      [
        'enum',
        'extra',
        'huge',
        'items',
        'length',
        'missing',
        'near-miss',
        'null',
        'range',
        'reserved',
        'type',
      ].sort(),
    );
    // Still up: a valid call is served.
    const ok = await h.call('samsar_list_models');
    expect(ok.isError, h.text(ok)).toBeFalsy();
  });

  it('accepts samples the published schemas call valid (validated through estimate_cost, nothing spent)', async () => {
    const writes = h.sandbox.requests.writes().length;
    const names = new Set(catalogue.map((e) => e.name));
    let checked = 0;
    for (const tool of tools.filter((t) => names.has(t.name))) {
      for (let i = 0; i < VALID_PER_TOOL; i++) {
        const r = seeded(SEED + i);
        // The first sample gives only what is required; the others a seeded share of the rest.
        const sample = sampleOf(tool, (name) => i > 0 && !CROSS_FIELD.has(name) && r() < 0.6, SEED + i);
        const { confirmation_token: _token, ...args } = sample;
        const res = await h.call('estimate_cost', { tool: tool.name, arguments: args });
        const s = res.structuredContent as Refusal;
        expect(s.code, `${tool.name} ${JSON.stringify(args).slice(0, 400)}: ${h.text(res)}`).not.toBe(
          'invalid_input',
        );
        checked++;
      }
    }
    expect(checked).toBe(names.size * VALID_PER_TOOL);
    expect(h.sandbox.requests.writes()).toHaveLength(writes);
  });
});
