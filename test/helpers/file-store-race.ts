/**
 * A child process for the file store's cross-process test: waits at a barrier with its siblings, then
 * races claims (budgeted credits, and a quota-class claim of one shared id) against the same data directory, and prints the ids
 * it got as JSON. Run with `node --import tsx`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FileMoneyStore } from '../../src/store/file-store.js';

const [dir, name, count, budget] = process.argv.slice(2) as [string, string, string, string];
const store = new FileMoneyStore({ dataDir: dir });
writeFileSync(path.join(dir, `ready-${name}`), '');
while (!existsSync(path.join(dir, 'go'))) await new Promise((r) => setTimeout(r, 2));
const claim = (id: string, budgets?: { daily: number }, billing: 'credits' | 'quota' = 'credits') =>
  store.claim(
    {
      id,
      time: new Date().toISOString(),
      tool: 'samsar_text_to_video',
      provider: 'samsar',
      args_hash: 'h',
      billing,
      quoted: 100,
      confirmed_by: 'token',
    },
    budgets,
  );
const results = await Promise.all([
  ...Array.from({ length: Number(count) }, (_, i) => claim(`${name}-${i}`, { daily: Number(budget) })),
  claim('shared', undefined, 'quota'),
]);
process.stdout.write(JSON.stringify(results.flatMap((r) => (r.ok ? [r.record.id] : []))));
