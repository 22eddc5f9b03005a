/**
 * The fault matrix: every paid tool of the catalogue, called through a real MCP client and the real
 * server, with a fault-injecting front on 127.0.0.1 between the server and the sandbox, under every
 * way the answer to a paid request can go wrong. Faults that follow acceptance are made after the
 * front forwarded the request, so the sandbox really charged. For each (tool, fault) the charging
 * requests the sandbox accepted are counted after the call with a confirmation token, the agent's
 * retry with the same token, and a fresh auto-approved run followed by an identical retry: at most
 * one per intent, and no result after which a charge happened (or may have) says nothing was charged.
 * A refused connection (nothing written) is the one failure that frees the token.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type CatalogueEntry, mayCharge } from '../../src/catalogue/define.js';
import { catalogue } from '../../src/catalogue/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import {
  type FakeUpstream,
  freePort,
  relayHeaders,
  type Step,
  startFakeUpstream,
  type TargetAnswer,
} from '../helpers/fake-upstream.js';
import { startFaultFront } from '../helpers/fault-front.js';
import { type Harness, startHarness, type ToolResult } from '../helpers/harness.js';
import { completedSessions, paidFixtures, TEXT } from '../helpers/paid-fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: ToolResult) => (r.structuredContent ?? {}) as Loose;

const HTML = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
const html = (status: number, title: string): Step => ({
  forward: true,
  status,
  body: HTML(title),
  headers: { 'content-type': 'text/html' },
});
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Step => ({
  forward: true,
  status,
  json: body,
  headers,
});

/** Keys under which the documented creation answers carry an id. */
const ID_KEY = /(^|_)id$/;

/** The answer without any id field (root or `data`), with the provider's own headers. */
function withoutIds(a: TargetAnswer): string {
  const strip = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => !ID_KEY.test(k))
            .map(([k, x]) => [k, strip(x)]),
        )
      : v;
  return JSON.stringify(strip(JSON.parse(a.body)));
}

/** The id values of the sandbox's answer, as the test knows them from the sandbox itself. */
function idsOf(a: TargetAnswer): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (ID_KEY.test(k) && typeof x === 'string') out.push(x);
      else walk(x);
    }
  };
  walk(JSON.parse(a.body));
  return out;
}

type Kind = 'sent' | 'unknown' | 'rejected';

interface Fault {
  name: string;
  step(entry: CatalogueEntry): Step;
  /** What the first answer is built from, to check the result names an id it still carried. */
  spoiled?(a: TargetAnswer): string;
  /** The answer does not come within the time-out: the server gets a short one. */
  slow?: boolean;
  /** What a correct server makes of the first submission of an intent. */
  first(entry: CatalogueEntry): { kind: Kind; charges: 0 | 1 };
}

/** The sandbox's 200 answer spoiled after it charged, still labelled JSON. */
function spoiledJson(name: string, spoil: (a: TargetAnswer) => string): Fault {
  return {
    name,
    step: () => ({
      forward: true,
      status: 200,
      body: spoil,
      headers: { 'content-type': 'application/json' },
    }),
    spoiled: spoil,
    first: () => accepted,
  };
}

const accepted = { kind: 'unknown', charges: 1 } as const;
const FAULTS: Fault[] = [
  {
    // The provider's own 429, before acting: the client waits Retry-After and sends it once more.
    name: '429 with Retry-After',
    step: () => ({
      status: 429,
      json: { success: false, message: 'Rate limit exceeded: 5 per minute. Try again later.' },
      headers: { 'retry-after': '1' },
    }),
    first: () => ({ kind: 'sent', charges: 1 }),
  },
  { name: '500', step: () => json(500, { error: 'Internal Server Error' }), first: () => accepted },
  { name: '502', step: () => json(502, { message: 'Bad Gateway' }), first: () => accepted },
  {
    name: '503',
    step: () => json(503, { message: 'Service Unavailable' }, { 'retry-after': '1' }),
    first: () => accepted,
  },
  {
    name: '504',
    step: () => ({
      forward: true,
      status: 504,
      body: 'upstream request timeout',
      headers: { 'content-type': 'text/plain' },
    }),
    first: () => accepted,
  },
  {
    name: 'reset before the request reached the provider',
    step: () => ({ drop: true }),
    first: () => ({ kind: 'unknown', charges: 0 }),
  },
  { name: 'reset after it was accepted', step: () => ({ drop: true, forward: true }), first: () => accepted },
  {
    name: 'slow headers past the time-out',
    slow: true,
    step: () => ({ hangMs: 120_000, forward: true }),
    first: () => accepted,
  },
  {
    name: 'slow body past the time-out',
    slow: true,
    step: () => ({ stallBody: true }),
    first: () => accepted,
  },
  spoiledJson('malformed JSON (200)', (a) => `${a.body.slice(0, -1)},,}`),
  spoiledJson('truncated JSON (200)', (a) => a.body.slice(0, Math.ceil(a.body.length * 0.6))),
  { name: 'HTML with 200', step: () => html(200, 'Welcome'), first: () => accepted },
  { name: 'HTML with 502', step: () => html(502, '502 Bad Gateway'), first: () => accepted },
  { name: "a proxy's HTML 403", step: () => html(403, '403 Forbidden'), first: () => accepted },
  {
    name: '2xx without the job id',
    step: () => ({ forward: true, status: 200, body: withoutIds, headers: (a) => relayHeaders(a.headers) }),
    // A tool without a job to follow (a checkout link) is answered in full without an id.
    first: (e) => (e.job ? accepted : { kind: 'sent', charges: 1 }),
  },
  {
    // The provider's documented refusal, before acting: provably nothing charged, token usable again.
    name: "the provider's own JSON refusal (4xx)",
    step: (e) =>
      e.provider === 'samsar'
        ? { status: 402, json: { error: 'Insufficient credits', creditsRequired: 300, creditsRemaining: 0 } }
        : {
            status: 403,
            json: { success: false, message: 'Monthly limit reached. Your plan allows 5 videos per month.' },
          },
    first: () => ({ kind: 'rejected', charges: 0 }),
  },
];

const PAID = catalogue.filter(mayCharge);
const AUTO_APPROVE = { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000000', VIDEOGEN_AUTO_APPROVE_QUOTA: '1' };
/** Short enough to keep the slow faults quick; only those harnesses get it. */
const SLOW_TIMEOUT_MS = '400';

/** A request to this tool's documented path (or its /external_users twin). */
function pathMatcher(entry: CatalogueEntry): (provider: string, path: string) => boolean {
  const re = (p: string) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}(\\?.*)?$`);
  const paths = [entry.path, entry.externalPath].filter((p): p is string => !!p).map(re);
  return (provider, path) => provider === entry.provider && paths.some((r) => r.test(path));
}

/** Results that say nothing was charged: allowed only while the sandbox accepted nothing for the intent. */
const SAYS_NOTHING_CHARGED = /nothing was charged|nothing reached the provider|safe to try again/i;
const SAYS_MAY_HAVE_BEEN_CHARGED = /may (already )?have been charged|was accepted and charged/i;

/** The counts of one (tool, fault), printed with VIDEOGEN_PRINT_MATRIX=1. */
const matrix: Array<{
  tool: string;
  fault: string;
  a: number;
  b: number;
  c: number;
  d: number;
  kinds: string;
}> = [];
afterAll(() => {
  if (process.env.VIDEOGEN_PRINT_MATRIX !== '1') return;
  const lines = matrix
    .sort((x, y) => x.tool.localeCompare(y.tool) || x.fault.localeCompare(y.fault))
    .map((m) => `${m.tool} | ${m.fault} | ${m.a} | ${m.b} | ${m.c} | ${m.d} | ${m.kinds}`);
  console.log(['tool | fault | (a) | (b) | (c) | (c) retry | answers', ...lines].join('\n'));
});

const CASES = PAID.flatMap((entry) =>
  FAULTS.map((fault) => ({ entry, fault, label: `${entry.name} x ${fault.name}` })),
);

describe('never pays twice, whatever the answer (fault matrix)', () => {
  it('covers every paid tool of the catalogue with arguments', () => {
    const fixtures = paidFixtures('s1', 's2');
    expect(PAID.length).toBeGreaterThanOrEqual(13);
    for (const e of PAID) expect(fixtures[e.name], `add sample arguments for ${e.name}`).toBeDefined();
  });

  it.concurrent.each(CASES)('$label', async ({ entry, fault }) => {
    const isPaid = pathMatcher(entry);
    const { sandbox, front, upstream, where, close } = await startFaultFront(
      (w) => w.method === 'POST' && isPaid(w.provider, w.path),
    );
    const harnesses: Harness[] = [];
    try {
      const [s1, s2] = await completedSessions(sandbox);
      const args = paidFixtures(s1, s2)[entry.name]!;
      const paidSeen = () =>
        front.seen.filter((r) => {
          const w = where(r);
          return w.method === 'POST' && isPaid(w.provider, w.path);
        });
      /** Charging requests the sandbox accepted (answered 2xx to). */
      const charges = () =>
        paidSeen().filter((r) => r.forwarded && r.forwarded.status >= 200 && r.forwarded.status < 300).length;
      /** Paid requests that reached the sandbox at all (after the setup): a refused resubmission would hide here. */
      const reachedBySetup = sandbox.requests.entries.length;
      const reached = () =>
        sandbox.requests.entries
          .slice(reachedBySetup)
          .filter((r) => r.method === 'POST' && isPaid(r.provider, r.path)).length;
      const start = async (env: Record<string, string>) => {
        const h = await startHarness({
          upstream,
          env: { ...(fault.slow ? { VIDEOGEN_RESPONSE_TIMEOUT_MS: SLOW_TIMEOUT_MS } : {}), ...env },
        });
        harnesses.push(h);
        return h;
      };
      const expected = fault.first(entry);
      const kinds: string[] = [];

      /** What the agent is told must never claim less than what the sandbox did for this intent. */
      const honest = (h: Harness, r: ToolResult, since: number, what: string) => {
        const text = h.text(r);
        kinds.push(r.isError ? String(sc(r).code) : sc(r).replay ? 'replay' : 'ok');
        if (charges() - since === 0) return;
        expect(['rejected', 'not_sent'], `${what}: ${text}`).not.toContain(sc(r).outcome);
        expect(text, what).not.toMatch(SAYS_NOTHING_CHARGED);
        if (r.isError) expect(text, what).toMatch(SAYS_MAY_HAVE_BEEN_CHARGED);
      };
      /** The first answer of an intent is what the fault means: sent, refused, or possibly charged. */
      const firstAnswer = (h: Harness, r: ToolResult, before: number, what: string) => {
        const text = h.text(r);
        expect(charges() - before, `${what}: charges after the faulty answer`).toBe(expected.charges);
        if (expected.kind === 'sent') {
          expect(r.isError, `${what}: ${text}`).toBeFalsy();
          return;
        }
        expect(r.isError, `${what}: ${text}`).toBe(true);
        if (expected.kind === 'rejected') {
          expect(sc(r).outcome, `${what}: ${text}`).toBe('rejected');
          expect(text).toMatch(/nothing was charged/i);
          return;
        }
        expect(sc(r), `${what}: ${text}`).toMatchObject({
          code: 'outcome_unknown',
          outcome: 'unknown',
          may_have_been_charged: true,
        });
        expect(text).toMatch(SAYS_MAY_HAVE_BEEN_CHARGED);
        expect(text).toMatch(
          entry.provider === 'samsar'
            ? /samsar_list_completed_sessions/
            : entry.billing === 'money'
              ? /checkout/
              : /samautomation_list_tasks/,
        );
        // An id still legible in what came back is named, so the agent can look the render up.
        const answer = paidSeen().at(-1)?.forwarded;
        if (fault.spoiled && answer) {
          const legible = idsOf(answer).filter((id) => fault.spoiled!(answer).includes(`"${id}"`));
          if (legible.length > 0) {
            expect(legible, `${what}: names the id`).toContain(sc(r).request_id);
            expect(text).toContain(String(sc(r).request_id));
          }
        }
      };

      // (a) The agent calls with a confirmation token; the first paid request meets the fault.
      const h = await start({});
      const e = await h.call('estimate_cost', { tool: entry.name, arguments: args });
      expect(e.isError, h.text(e)).toBeFalsy();
      const token = sc(e).confirmation_token as string;
      front.script(fault.step(entry), { relay: true, forward: true });
      const first = await h.call(entry.name, { ...args, confirmation_token: token });
      honest(h, first, 0, '(a)');
      firstAnswer(h, first, 0, '(a)');
      const a = charges();

      // (b) The agent retries with the same token.
      const retry = await h.call(entry.name, { ...args, confirmation_token: token });
      honest(h, retry, 0, '(b)');
      const b = charges();
      expect(b, '(b) one intent, at most one charge').toBeLessThanOrEqual(1);
      if (expected.kind === 'rejected') {
        expect(retry.isError, h.text(retry)).toBeFalsy();
        expect(b).toBe(1);
      } else {
        expect(b).toBe(a);
        if (first.isError) {
          expect(sc(retry).code, h.text(retry)).toBe('outcome_unknown');
          expect(h.text(retry)).toContain('Nothing was sent again');
        } else expect(sc(retry).replay).toBe(true);
      }

      // (c) A fresh run under auto-approve (a checkout is never automatic: the person confirms it).
      const auto = await start(AUTO_APPROVE);
      front.script(fault.step(entry), { relay: true, forward: true });
      let call: Record<string, unknown> = args;
      let submitted = await auto.call(entry.name, call);
      if (entry.billing === 'money') {
        expect(sc(submitted).code, auto.text(submitted)).toBe('confirmation_required');
        call = { ...args, confirmation_token: sc(submitted).confirmation_token };
        submitted = await auto.call(entry.name, call);
      } else {
        expect(sc(submitted).cost?.confirmed_by ?? sc(submitted).code, auto.text(submitted)).not.toBe(
          'confirmation_required',
        );
      }
      honest(auto, submitted, b, '(c)');
      firstAnswer(auto, submitted, b, '(c)');
      const c = charges();
      // The agent retries an error with the identical call.
      let d = c;
      if (submitted.isError) {
        const again = await auto.call(entry.name, call);
        honest(auto, again, b, '(c) retry');
        d = charges();
        if (expected.kind === 'rejected') {
          expect(again.isError, auto.text(again)).toBeFalsy();
        } else if (entry.billing === 'money') {
          expect(sc(again).code, auto.text(again)).toBe('outcome_unknown');
        } else {
          // Not auto-approved again: a person must confirm, told the first may have been charged.
          expect(sc(again).code, auto.text(again)).toBe('confirmation_required');
          expect(auto.text(again)).toMatch(/may already have been charged/);
        }
      }
      expect(d - b, '(c) one intent, at most one charge').toBeLessThanOrEqual(1);
      expect(d - b).toBe(expected.kind === 'rejected' ? 1 : expected.charges);
      // Every paid request that reached the sandbox was accepted by it: none was refused there.
      expect(reached()).toBe(d);
      matrix.push({ tool: entry.name, fault: fault.name, a, b, c: c - b, d: d - b, kinds: kinds.join(', ') });
    } finally {
      await Promise.all(harnesses.map((x) => x.close()));
      await close();
    }
  });
});

describe('a paid call whose connection was refused (nothing written)', () => {
  it('charges nothing, says so, and the same token goes through once the provider is back', async () => {
    const port = await freePort();
    const sandbox = await startSandbox({ renderSeconds: 1 });
    const base = `http://127.0.0.1:${port}`;
    const h = await startHarness({
      upstream: {
        sandbox,
        samsarBaseUrl: `${base}${new URL(sandbox.samsarBaseUrl).pathname}`,
        samautomationBaseUrl: `${base}${new URL(sandbox.samautomationBaseUrl).pathname}`,
      },
    });
    let front: FakeUpstream | undefined;
    try {
      // The price list cannot be read either: the quote uses the reference table and says so.
      const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: TEXT });
      const token = sc(e).confirmation_token as string;
      const refused = await h.call('samsar_text_to_video', { ...TEXT, confirmation_token: token });
      expect(sc(refused), h.text(refused)).toMatchObject({ code: 'network_error', outcome: 'not_sent' });
      expect(h.text(refused)).toMatch(/nothing was charged; the same confirmation can be used again/);
      expect(sandbox.requests.writes()).toHaveLength(0);

      front = await startFakeUpstream(port, { target: sandbox.url });
      const sent = await h.call('samsar_text_to_video', { ...TEXT, confirmation_token: token });
      expect(sent.isError, h.text(sent)).toBeFalsy();
      const again = await h.call('samsar_text_to_video', { ...TEXT, confirmation_token: token });
      expect(sc(again).replay).toBe(true);
      expect(sandbox.requests.writes()).toHaveLength(1);
    } finally {
      await h.close();
      await front?.close();
      await sandbox.close();
    }
  });
});
