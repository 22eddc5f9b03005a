/** spending_report: "what have I spent", from the spend ledger and the providers' own figures. */
import * as z from 'zod/v4';
import { callerOf } from '../caller.js';
import { spendingReport } from '../cost/spending.js';
import { defineOwnTool } from './define.js';

export const spendingReportTool = defineOwnTool({
  name: 'spending_report',
  title: 'Spending report',
  description: 'Confirmed charges by day, provider and tool, with provider balances. Free.',
  toolset: 'account',
  billing: 'free',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.object({ days: z.number().int().min(1).max(366).default(30).describe('Window, in days.') }),
  handler: async ({ days }, ctx, deps) => {
    const report = await spendingReport(deps, callerOf(ctx, deps.config), days, ctx.mcpReq.signal);
    const lines = report.by_provider.map(
      (p) =>
        `${p.provider}: ${p.credits} credits in ${p.calls} call(s)${p.quota_videos ? `, ${p.quota_videos} plan video(s)` : ''}${p.checkouts ? `, ${p.checkouts} checkout(s)` : ''}`,
    );
    const head = `Last ${days} day(s): ${lines.length ? lines.join('; ') : 'nothing confirmed'}.`;
    const unknown = report.unknown_outcomes.length
      ? ` ${report.unknown_outcomes.length} submission(s) with unknown outcome.`
      : '';
    return {
      content: [{ type: 'text', text: `${head}${unknown}\n${JSON.stringify(report)}` }],
      structuredContent: report,
    };
  },
});
