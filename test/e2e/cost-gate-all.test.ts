/**
 * Every tool that may charge is gated: for each paid catalogue entry present on this build, a call
 * without confirmation is refused with its quote and sends nothing; with an estimate_cost token it is
 * sent exactly once and a replay sends nothing. A paid tool without a fixture here fails the test,
 * so a new paid tool cannot slip past the gate unexamined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCharge } from '../../src/catalogue/define.js';
import { catalogue } from '../../src/catalogue/index.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { paidFixtures, TEXT } from '../helpers/paid-fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const paid = catalogue.filter(mayCharge).map((e) => e.name);

describe('every paid tool is gated', () => {
  let h: Harness;
  let args: Record<string, Record<string, unknown>>;
  const writes = () => h.sandbox.requests.writes().length;

  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_SANDBOX_RENDER_SECONDS: '1', VIDEOGEN_TIME_SCALE: '100' } });
    // Two completed source sessions for the tools that work on existing videos.
    const ids: string[] = [];
    for (const duration of [10, 5]) {
      const e = await h.call('estimate_cost', {
        tool: 'samsar_text_to_video',
        arguments: { ...TEXT, duration },
      });
      const r = await h.call('samsar_text_to_video', {
        ...TEXT,
        duration,
        confirmation_token: sc(e).confirmation_token,
      });
      ids.push(sc(r).job.id);
    }
    for (const id of ids) {
      for (let i = 0; i < 200; i++) {
        if (sc(await h.call('samsar_get_status', { session_id: id })).result.status === 'COMPLETED') break;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    args = paidFixtures(ids[0]!, ids[1]!);
  });
  afterAll(() => h.close());

  it('lists each paid tool with its price in the description and its billing class in _meta', async () => {
    const { tools } = await h.client.listTools();
    for (const name of paid) {
      const t = tools.find((x: { name: string }) => x.name === name);
      expect(t?.description, name).toMatch(/credit|quota|plan video|checkout|\d+\/s/i);
      expect(['credits', 'quota', 'money', 'varies'], name).toContain(t?._meta?.['videogen/billing']);
    }
  });

  it.each(paid)('%s has fixture arguments in this test', (tool) => {
    expect(args[tool], `add sample arguments for ${tool}`).toBeDefined();
  });

  it.each(paid)('%s refuses without confirmation, stating the quote, and sends nothing', async (tool) => {
    const before = writes();
    const r = await h.call(tool, args[tool]!);
    expect(r.isError).toBe(true);
    expect(sc(r).code, h.text(r)).toBe('confirmation_required');
    expect(sc(r).quote.tool).toBe(tool);
    expect(writes()).toBe(before);
  });

  it.each(paid)(
    '%s: the estimate writes nothing, the token sends exactly once, a replay sends nothing',
    async (tool) => {
      const before = writes();
      const e = await h.call('estimate_cost', { tool, arguments: args[tool] });
      expect(e.isError, h.text(e)).toBeFalsy();
      expect(writes(), 'estimate_cost writes nothing upstream').toBe(before);
      const r = await h.call(tool, { ...args[tool], confirmation_token: sc(e).confirmation_token });
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(writes()).toBe(before + 1);
      const again = await h.call(tool, { ...args[tool], confirmation_token: sc(e).confirmation_token });
      expect(sc(again).replay).toBe(true);
      expect(writes()).toBe(before + 1);
    },
  );
});
