/** Rewrites the README's generated tables from the catalogue and config (npm run docs). */
import { readFileSync, writeFileSync } from 'node:fs';
import { catalogue } from '../src/catalogue/index.js';
import { configTableMarkdown, replaceBlock, toolTableMarkdown } from '../src/docs/readme-tables.js';
import { ownTools } from '../src/tools/index.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const next = replaceBlock(
  replaceBlock(readme, 'tools', toolTableMarkdown([...catalogue, ...ownTools])),
  'config',
  configTableMarkdown(),
);
writeFileSync(file, next);
process.stderr.write(next === readme ? 'README tables already current\n' : 'README tables updated\n');
