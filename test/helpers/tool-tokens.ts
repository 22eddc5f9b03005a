/** Counts o200k tokens of each tool's JSON in tools/list, listed through a real MCP client. */
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { startHarness } from './harness.js';

export interface ToolTokenReport {
  tools: Array<{ name: string; tokens: number }>;
  total: number;
  median: number;
}

export async function measureToolTokens(env: Record<string, string> = {}): Promise<ToolTokenReport> {
  const h = await startHarness({ env });
  try {
    const { tools } = (await h.client.listTools()) as { tools: Array<{ name: string }> };
    const counted = tools.map((t) => ({ name: t.name, tokens: encode(JSON.stringify(t)).length }));
    const sorted = counted.map((t) => t.tokens).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
    return { tools: counted, total: sorted.reduce((a, b) => a + b, 0), median };
  } finally {
    await h.close();
  }
}
