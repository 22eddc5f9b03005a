/**
 * Toolsets, read-only mode and the allowlist as a client sees them: tools/list shows exactly the
 * selected tools, and a hidden tool cannot be called. The expected sets are worked out here from the
 * catalogue's own fields (toolset, billing, annotations), independently of selectTools
 * (src/tool-surface/tool-manifest.ts).
 */
import { Client } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/catalogue/index.js';
import { ownTools } from '../../src/tools/index.js';
import { startHarness } from '../helpers/harness.js';
import { runBin, sandboxBinTransport } from '../helpers/spawn-bin.js';

interface ListedTool {
  name: string;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean };
}

const ALL = [...catalogue, ...ownTools];
const names = (tools: readonly { name: string }[]) => tools.map((t) => t.name).sort();
const inToolsets = (...sets: string[]) => names(ALL.filter((t) => sets.includes(t.toolset)));

async function listWith(env: Record<string, string>): Promise<ListedTool[]> {
  const h = await startHarness({ env });
  try {
    return ((await h.client.listTools()) as { tools: ListedTool[] }).tools;
  } finally {
    await h.close();
  }
}

describe('toolsets through a real client (environment)', () => {
  it('lists every tool by default', async () => {
    expect(names(await listWith({}))).toEqual(names(ALL));
  });

  it('VIDEOGEN_TOOLSETS=samsar lists only the samsar toolset', async () => {
    const listed = names(await listWith({ VIDEOGEN_TOOLSETS: 'samsar' }));
    expect(listed).toEqual(inToolsets('samsar'));
    expect(listed).toContain('samsar_list_models');
    expect(listed).not.toContain('samsar_get_status'); // in the jobs toolset
    expect(listed).not.toContain('estimate_cost'); // in the account toolset
  });

  it('several toolsets add up', async () => {
    const listed = names(await listWith({ VIDEOGEN_TOOLSETS: 'samsar, jobs,account' }));
    expect(listed).toEqual(inToolsets('samsar', 'jobs', 'account'));
    expect(listed).toContain('samsar_get_status');
    expect(listed).toContain('estimate_cost');
  });

  it('VIDEOGEN_READ_ONLY=1 keeps only tools that change and charge nothing', async () => {
    const listed = await listWith({ VIDEOGEN_READ_ONLY: '1' });
    const expected = ALL.filter(
      (t) => t.billing === 'free' && t.annotations.readOnlyHint && !t.annotations.destructiveHint,
    );
    expect(names(listed)).toEqual(names(expected));
    for (const t of listed) {
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      expect(t.annotations?.destructiveHint, t.name).not.toBe(true);
    }
    expect(names(listed)).toContain('samsar_list_models');
    expect(names(listed)).not.toContain('samsar_text_to_video');
  });

  it('VIDEOGEN_TOOLS is an exact allowlist', async () => {
    const listed = await listWith({ VIDEOGEN_TOOLS: 'samsar_list_models,estimate_cost' });
    expect(names(listed)).toEqual(['estimate_cost', 'samsar_list_models']);
  });

  it('the filters combine: an allowlisted paid tool is still hidden in read-only mode', async () => {
    const listed = await listWith({
      VIDEOGEN_TOOLS: 'samsar_list_models,samsar_text_to_video',
      VIDEOGEN_READ_ONLY: '1',
    });
    expect(names(listed)).toEqual(['samsar_list_models']);
  });

  it('a hidden tool cannot be called, and nothing reaches the provider', async () => {
    const h = await startHarness({
      env: { VIDEOGEN_READ_ONLY: '1', VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' },
    });
    try {
      const outcome = await h
        .call('samsar_text_to_video', {
          prompt: 'Clouds',
          image_model: 'GPTIMAGE2',
          video_model: 'RUNWAYML',
          duration: 10,
        })
        .then(
          (r) => ({ isError: r.isError === true, text: h.text(r) }),
          (err: Error) => ({ isError: true, text: err.message }),
        );
      expect(outcome.isError).toBe(true);
      expect(outcome.text).toMatch(/samsar_text_to_video/);
      expect(h.sandbox.requests.writes()).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('toolsets on the built bin over stdio (flags)', () => {
  async function listViaBin(args: string[], env: Record<string, string> = {}): Promise<ListedTool[]> {
    const c = new Client({ name: 'toolsets', version: '1.0.0' });
    await c.connect(sandboxBinTransport({ args, env }));
    try {
      return (await c.listTools()).tools as ListedTool[];
    } finally {
      await c.close();
    }
  }

  it('--toolsets and --read-only', async () => {
    const listed = names(await listViaBin(['--toolsets', 'samsar,jobs', '--read-only']));
    const expected = ALL.filter(
      (t) => ['samsar', 'jobs'].includes(t.toolset) && t.billing === 'free' && t.annotations.readOnlyHint,
    );
    expect(listed).toEqual(names(expected));
    expect(listed).toContain('samsar_get_status');
  });

  it('--tools wins over VIDEOGEN_TOOLS', async () => {
    const listed = await listViaBin(['--tools=samsar_get_status'], { VIDEOGEN_TOOLS: 'samsar_list_models' });
    expect(names(listed)).toEqual(['samsar_get_status']);
  });

  it('an unknown toolset stops the bin with exit code 2 and names the known ones', async () => {
    const r = await runBin(['--toolsets', 'samsar,videos'], { VIDEOGEN_SANDBOX: '1' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown toolset 'videos'");
    expect(r.stderr).toContain('samautomation');
  });
});
