/** The README's tool table is the one generated from the catalogue, and its Quickstart is what CI runs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toolTableMarkdown } from '../../src/catalogue/docs.js';
import { catalogue } from '../../src/catalogue/index.js';
import { ownTools } from '../../src/tools/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('holds the tool table generated from the catalogue (run `npm run docs` after changing a tool)', () => {
    const block = /<!-- tools:start -->\n([\s\S]*?)\n<!-- tools:end -->/.exec(readme)?.[1];
    expect(block).toBe(toolTableMarkdown([...catalogue, ...ownTools]));
  });

  it('opens the Quickstart with exactly two set-up commands', () => {
    const quick = /## Quickstart\n[\s\S]*?```[a-z]*\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = quick.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
    expect(commands).toHaveLength(2);
    expect(commands[1]).toContain('npm test');
  });
});
