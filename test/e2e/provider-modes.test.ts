/**
 * Each provider is real or sandboxed on its own: a provider with a key is called at its base URL
 * (here a recording fake on 127.0.0.1) with its auth header, one without is answered by the
 * sandbox, VIDEOGEN_SANDBOX=1 sandboxes both, and VIDEOGEN_SANDBOX=0 refuses a provider without a
 * key before anything is quoted, asked or sent. Start-up logs, the server instructions and every
 * result say which provider is sandboxed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, SAMAUTO_KEY, SAMSAR_KEY, startFakeUpstream } from '../helpers/fake-upstream.js';
import { type Harness, ledgerRecords, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const BALANCE = { total_credits: 42, subscription_credits: 40, topup_credits: 2 };
const MIX = { media_list: [{ type: 'image', url: 'https://cdn.example.com/a.png', duration: 3 }] };

interface Case {
  name: string;
  env: Record<string, string>;
  samsar: 'real' | 'sandbox';
  samautomation: 'real' | 'sandbox';
}

const CASES: Case[] = [
  { name: 'no keys', env: {}, samsar: 'sandbox', samautomation: 'sandbox' },
  { name: 'Samsar key only', env: { SAMSAR_API_KEY: SAMSAR_KEY }, samsar: 'real', samautomation: 'sandbox' },
  {
    name: 'SamAutomation key only',
    env: { SAMAUTOMATION_API_KEY: SAMAUTO_KEY },
    samsar: 'sandbox',
    samautomation: 'real',
  },
  {
    name: 'both keys',
    env: { SAMSAR_API_KEY: SAMSAR_KEY, SAMAUTOMATION_API_KEY: SAMAUTO_KEY },
    samsar: 'real',
    samautomation: 'real',
  },
  {
    name: 'VIDEOGEN_SANDBOX=1 with both keys',
    env: { SAMSAR_API_KEY: SAMSAR_KEY, SAMAUTOMATION_API_KEY: SAMAUTO_KEY, VIDEOGEN_SANDBOX: '1' },
    samsar: 'sandbox',
    samautomation: 'sandbox',
  },
];

describe('each provider real or sandboxed on its own', () => {
  let h: Harness | undefined;
  let samsar: FakeUpstream | undefined;
  let samautomation: FakeUpstream | undefined;
  afterEach(async () => {
    await h?.close();
    await samsar?.close();
    await samautomation?.close();
    h = samsar = samautomation = undefined;
  });

  const start = async (env: Record<string, string>, elicit = false) => {
    samsar = await startFakeUpstream();
    samsar.script({ status: 200, json: [] });
    samautomation = await startFakeUpstream();
    samautomation.script({ status: 200, json: BALANCE });
    h = await startHarness({
      // '' leaves VIDEOGEN_SANDBOX unset (the harness default is 1).
      env: {
        VIDEOGEN_SANDBOX: '',
        SAMSAR_BASE_URL: `${samsar.url}/v1`,
        SAMAUTOMATION_BASE_URL: samautomation.url,
        ...env,
      },
      ...(elicit ? { elicit: () => ({ action: 'accept', content: { confirm: true } }) as const } : {}),
    });
    return h;
  };

  it.each(CASES)('$name: Samsar $samsar, SamAutomation $samautomation', async (c) => {
    const h = await start(c.env);
    const fromSandbox = (p: string) => h.sandbox?.requests.entries.filter((r) => r.provider === p) ?? [];

    const s = await h.call('samsar_list_completed_sessions', {});
    expect(s.isError, h.text(s)).toBeFalsy();
    const a = await h.call('samautomation_credit_balance', {});
    expect(a.isError, h.text(a)).toBeFalsy();

    if (c.samsar === 'real') {
      expect(samsar!.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /v1/video/list_completed_video_sessions',
      ]);
      expect(samsar!.seen[0]!.headers.authorization).toBe(`Bearer ${SAMSAR_KEY}`);
      expect(fromSandbox('samsar')).toHaveLength(0);
      expect(sc(s).sandbox).toBeUndefined();
    } else {
      expect(samsar!.seen).toHaveLength(0);
      expect(fromSandbox('samsar').map((r) => r.path)).toEqual(['/video/list_completed_video_sessions']);
      expect(fromSandbox('samsar')[0]!.headers.authorization).toBe(`Bearer ${h.sandbox.keys.samsar}`);
      expect(sc(s).sandbox).toBe(true);
    }
    if (c.samautomation === 'real') {
      expect(samautomation!.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /api/ai/credits/balance',
      ]);
      expect(samautomation!.seen[0]!.headers['x-api-key']).toBe(SAMAUTO_KEY);
      expect(fromSandbox('samautomation')).toHaveLength(0);
      expect(sc(a).sandbox).toBeUndefined();
      expect(sc(a).result).toEqual(BALANCE);
    } else {
      expect(samautomation!.seen).toHaveLength(0);
      expect(fromSandbox('samautomation').map((r) => r.path)).toEqual(['/api/ai/credits/balance']);
      expect(fromSandbox('samautomation')[0]!.headers['x-api-key']).toBe(h.sandbox.keys.samautomation);
      expect(sc(a).sandbox).toBe(true);
    }

    // Said at start (stderr) and in the instructions, per provider.
    const line = h.logs.find((l) => l.includes('providers:'))!;
    expect(line).toContain(
      c.samsar === 'real' ? `Samsar: real API at ${samsar!.url}/v1` : 'Samsar: embedded sandbox',
    );
    expect(line).toContain(
      c.samautomation === 'real'
        ? `SamAutomation: real API at ${samautomation!.url}`
        : 'SamAutomation: embedded sandbox',
    );
    const instructions = h.client.getInstructions() as string;
    const sandboxed = [
      c.samsar === 'sandbox' ? 'Samsar' : '',
      c.samautomation === 'sandbox' ? 'SamAutomation' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    if (sandboxed) expect(instructions).toContain(`SANDBOX MODE for ${sandboxed}:`);
    else expect(instructions).not.toContain('SANDBOX');
    // No sandbox at all when nothing is sandboxed.
    if (!sandboxed) expect(h.app.deps.sandbox).toBeUndefined();
  });

  it('VIDEOGEN_SANDBOX=0 without a SamAutomation key: refused before any quote, question or request', async () => {
    const h = await start({ VIDEOGEN_SANDBOX: '0', SAMSAR_API_KEY: SAMSAR_KEY }, true);
    expect(h.app.deps.sandbox).toBeUndefined();
    expect(h.logs.find((l) => l.includes('providers:'))).toMatch(
      /warn: providers: Samsar: real API .*SamAutomation: not configured \(no SAMAUTOMATION_API_KEY and VIDEOGEN_SANDBOX=0\)/,
    );
    expect(h.client.getInstructions()).toContain('SamAutomation: not configured');

    const notConfigured = (r: { structuredContent?: Record<string, unknown> }) => {
      expect(sc(r)).toMatchObject({ code: 'not_configured', provider: 'samautomation' });
      expect(sc(r).message).toContain('set SAMAUTOMATION_API_KEY');
      expect(sc(r).confirmation_token).toBeUndefined();
    };
    // A paid call: no elicitation, no quote, nothing written to the ledger.
    notConfigured(await h.call('samautomation_mix_video', MIX));
    expect(h.elicitations).toEqual([]);
    notConfigured(await h.call('estimate_cost', { tool: 'samautomation_mix_video', arguments: MIX }));
    // Free calls and the own tools that reach SamAutomation say the same.
    notConfigured(await h.call('samautomation_credit_balance', {}));
    notConfigured(await h.call('wait_for_job', { provider: 'samautomation', id: '1', max_wait_seconds: 5 }));
    notConfigured(await h.call('download_video', { provider: 'samautomation', id: '1' }));
    expect(samautomation!.seen).toHaveLength(0);
    expect(await ledgerRecords(h.app)).toEqual([]);

    // Samsar, which has its key, still works for real.
    const s = await h.call('samsar_list_completed_sessions', {});
    expect(s.isError, h.text(s)).toBeFalsy();
    expect(samsar!.seen).toHaveLength(1);
  });

  it('VIDEOGEN_SANDBOX=0 without a Samsar key: Samsar refused naming SAMSAR_API_KEY, SamAutomation real', async () => {
    const h = await start({ VIDEOGEN_SANDBOX: '0', SAMAUTOMATION_API_KEY: SAMAUTO_KEY }, true);
    const args = { prompt: 'Clouds', image_model: 'GPTIMAGE2', video_model: 'RUNWAYML', duration: 10 };
    for (const r of [
      await h.call('samsar_text_to_video', args),
      await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: args }),
    ]) {
      expect(sc(r)).toMatchObject({ code: 'not_configured', provider: 'samsar', variable: 'SAMSAR_API_KEY' });
      expect(h.text(r)).toContain('set SAMSAR_API_KEY');
    }
    expect(h.elicitations).toEqual([]);
    expect(samsar!.seen).toHaveLength(0);
    const a = await h.call('samautomation_credit_balance', {});
    expect(sc(a).result).toEqual(BALANCE);
    expect(samautomation!.seen).toHaveLength(1);
  });
});
