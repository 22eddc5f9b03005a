/**
 * Prints the o200k token count of each tool in tools/list (as a client sees it) and the totals.
 * Usage: npx tsx scripts/tool-tokens.ts [--json]
 */
import { measureToolTokens } from '../test/helpers/tool-tokens.js';

const report = await measureToolTokens();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const t of [...report.tools].sort((a, b) => b.tokens - a.tokens))
    console.log(`${t.tokens}\t${t.name}`);
  console.log(`total ${report.total}, median ${report.median}, tools ${report.tools.length}`);
}
