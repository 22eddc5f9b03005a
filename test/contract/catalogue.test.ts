/**
 * Invariants over every tool the server registers: names exactly as in shared/TOOLS.md, honest and
 * explicit annotations, plain object schemas, short descriptions, and a snapshot of the surface.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCharge } from '../../src/catalogue/define.js';
import { catalogue } from '../../src/catalogue/index.js';
import { ownTools } from '../../src/tools/index.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const toolsMd = readFileSync(new URL('../../../shared/TOOLS.md', import.meta.url), 'utf8');
const documented = [...toolsMd.matchAll(/^\| `([a-z_]+)`(?: \(ext\))? \|/gm)].map((m) => m[1]!);
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

  it('registers exactly the tools of shared/TOOLS.md', () => {
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

  it('matches the committed snapshot of the tool surface', () => {
    const surface = listed.map((t) => ({
      name: t.name,
      annotations: t.annotations,
      inputSchema: t.inputSchema,
    }));
    expect(JSON.stringify(surface, null, 1)).toMatchSnapshot();
  });
});
