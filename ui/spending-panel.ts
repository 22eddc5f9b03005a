/**
 * "What have I spent": confirmed credits by day and by tool as bar charts, and what the providers
 * report as balances. Each chart is a table (a screen reader reads the figures; the bars are
 * decoration drawn to scale).
 */
import type { McpUiHostContext } from '@modelcontextprotocol/ext-apps';
import { count, credits, h, localTime, replace } from './dom.js';
import type { Bucket, Json, SpendingReport } from './results.js';

function other(b: Bucket): string {
  const parts = [
    `${count(b.calls)} call${b.calls === 1 ? '' : 's'}`,
    b.quota_videos ? `${b.quota_videos} plan video${b.quota_videos === 1 ? '' : 's'}` : '',
    b.checkouts ? `${b.checkouts} checkout${b.checkouts === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function chart(title: string, id: string, rows: Array<{ label: string; bucket: Bucket }>) {
  const max = Math.max(1, ...rows.map((r) => r.bucket.credits));
  return h(
    'section',
    { class: 'chart', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'Nothing confirmed in this window.')
      : h(
          'table',
          { 'data-testid': id },
          h(
            'thead',
            { class: 'visually-hidden' },
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, title),
              h('th', { scope: 'col' }, 'Credits'),
              h('th', { scope: 'col' }, 'Calls'),
            ),
          ),
          h(
            'tbody',
            {},
            ...rows.map(({ label, bucket }) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, label),
                h(
                  'td',
                  { class: 'bar-cell' },
                  h('span', {
                    class: 'bar',
                    'aria-hidden': 'true',
                    style: `width:${Math.max(2, (bucket.credits / max) * 100)}%`,
                  }),
                  h('span', { class: 'num' }, credits(bucket.credits)),
                ),
                h('td', { class: 'muted' }, other(bucket)),
              ),
            ),
          ),
        ),
  );
}

function balances(report: SpendingReport, context: McpUiHostContext) {
  const { samsar, samautomation } = report.providers;
  const ai = samautomation.credit_balance?.data as Json | undefined;
  const aiTotal = typeof ai?.total_credits === 'number' ? ai.total_credits : undefined;
  const rows: Array<[string, string]> = [
    [
      'Samsar',
      samsar.credits_remaining === null
        ? 'No balance reported yet (Samsar sends it with each paid call).'
        : `${credits(samsar.credits_remaining)} left${samsar.as_of ? ` as of ${localTime(samsar.as_of, context, { dateStyle: 'medium', timeStyle: 'short' })}` : ''}`,
    ],
    [
      'SamAutomation AI',
      aiTotal !== undefined
        ? `${credits(aiTotal)}${typeof ai?.plan === 'string' ? ` (${ai.plan} plan)` : ''}`
        : (samautomation.unavailable ?? samautomation.credit_balance?.unavailable ?? 'Not reported.'),
    ],
  ];
  return h(
    'section',
    { class: 'chart', 'aria-labelledby': 'balances-title' },
    h('h2', { id: 'balances-title' }, 'Balances'),
    h(
      'dl',
      { class: 'facts', 'data-testid': 'balances' },
      ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
  );
}

export function spendingPanel(root: Element, report: SpendingReport, context: McpUiHostContext): void {
  const totals = report.by_provider.map((p) => `${p.provider}: ${credits(p.credits)} (${other(p)})`);
  replace(
    root,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'spending-title' },
      h('p', { class: 'eyebrow' }, `Last ${report.window.days} day${report.window.days === 1 ? '' : 's'}`),
      h('h1', { id: 'spending-title' }, 'Spending'),
      h(
        'p',
        { class: 'muted', 'data-testid': 'totals' },
        totals.length ? totals.join(' · ') : 'Nothing confirmed yet.',
      ),
      chart(
        'By day',
        'by-day',
        report.by_day.map((d) => ({ label: d.day, bucket: d })),
      ),
      chart(
        'By tool',
        'by-tool',
        report.by_tool.map((t) => ({ label: t.tool, bucket: t })),
      ),
      balances(report, context),
      report.unknown_outcomes.length > 0 &&
        h(
          'p',
          { class: 'budget over', role: 'note' },
          `${report.unknown_outcomes.length} submission(s) with an unknown outcome may have been charged: ${report.unknown_outcomes.map((u) => u.tool).join(', ')}.`,
        ),
    ),
  );
}
