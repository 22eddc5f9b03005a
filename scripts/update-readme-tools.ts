/** Rewrites the README tool table from the catalogue (npm run docs). */
import { readFileSync, writeFileSync } from 'node:fs';
import { toolTableMarkdown } from '../src/catalogue/docs.js';
import { catalogue } from '../src/catalogue/index.js';
import { ownTools } from '../src/tools/index.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const next = readme.replace(
  /<!-- tools:start -->\n[\s\S]*?\n<!-- tools:end -->/,
  `<!-- tools:start -->\n${toolTableMarkdown([...catalogue, ...ownTools])}\n<!-- tools:end -->`,
);
writeFileSync(file, next);
process.stderr.write(next === readme ? 'README tool table already current\n' : 'README tool table updated\n');
