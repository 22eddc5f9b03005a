/**
 * The README tool table, generated from the same list the server registers, so docs cannot drift.
 */
import type { CatalogueEntry, ToolDescriptor } from './define.js';

const BILLING_TEXT = (t: ToolDescriptor): string => (typeof t.billing === 'function' ? 'varies' : t.billing);

export function toolTableMarkdown(tools: readonly ToolDescriptor[]): string {
  const rows = tools.map((t) => {
    const e = t as Partial<CatalogueEntry>;
    const endpoint = e.method && e.path ? `${e.method} ${e.path}` : '(server)';
    return `| \`${t.name}\` | ${t.toolset} | ${endpoint} | ${BILLING_TEXT(t)} | ${t.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| tool | toolset | endpoint | billing | what it does |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}
