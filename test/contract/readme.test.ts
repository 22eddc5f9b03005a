/** The README's tables are the ones generated from the code, and its Quickstart is what CI runs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/catalogue/index.js';
import { configTableMarkdown, readBlock, toolTableMarkdown } from '../../src/docs/readme-tables.js';
import { ownTools } from '../../src/tools/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('holds the tool table generated from the catalogue (run `npm run docs` after changing a tool)', () => {
    expect(readBlock(readme, 'tools')).toBe(toolTableMarkdown([...catalogue, ...ownTools]));
  });

  it('holds the configuration table generated from the config schema docs', () => {
    expect(readBlock(readme, 'config')).toBe(configTableMarkdown());
  });

  it('opens the Quickstart with exactly two set-up commands, the second running the tests', () => {
    const quick = /## Quickstart\n[\s\S]*?```[a-z]*\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = quick.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
    expect(commands).toHaveLength(2);
    expect(commands[1]).toContain('npm test');
  });
});
