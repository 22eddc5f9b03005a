/**
 * The README's tool and configuration tables, generated from the same lists the server uses,
 * so the docs cannot drift from the code (a test compares them).
 */
import type { CatalogueEntry, ToolDescriptor } from '../catalogue/define.js';
import { CONFIG_DOCS } from '../config.js';

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

export function configTableMarkdown(): string {
  const rows = CONFIG_DOCS.map(
    (d) => `| \`${d.name}\` | ${d.flag ? `\`${d.flag}\`` : ''} | ${d.default} | ${d.description} |`,
  );
  return ['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** Replaces the block between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const re = new RegExp(`<!-- ${name}:start -->\\n[\\s\\S]*?\\n<!-- ${name}:end -->`);
  return text.replace(re, `<!-- ${name}:start -->\n${content}\n<!-- ${name}:end -->`);
}

export function readBlock(text: string, name: string): string | undefined {
  return new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(text)?.[1];
}
