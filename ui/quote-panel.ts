/**
 * The quote a person confirms: the amount, its breakdown and formula, today's credit budget, and
 * Confirm / Cancel. Confirm calls the paid tool with the confirmation token through the host, once:
 * both buttons are disabled at the first click and never enabled again.
 */
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { Bridge } from './bridge.js';
import { count, credits, h, localTime, replace } from './dom.js';
import { type Budget, type Json, type Quote, summaryOf } from './results.js';

export interface QuoteRequest {
  /** The paid tool and the arguments the token is bound to. */
  tool: string;
  args: Json;
  quote: Quote;
  /** Absent for an indicative quote, which shows the price but has nothing to confirm. */
  token?: string;
  expiresAt?: string;
  budget?: Budget;
}

function amount(q: Quote): string {
  if (q.billing === 'quota') return '1 plan video';
  if (q.billing === 'money') return 'A checkout link';
  if (q.credits_min !== undefined && q.credits_min !== q.credits)
    return `${credits(q.credits_min)} to ${credits(q.credits)}`;
  return credits(q.credits);
}

function budgetLine(q: Quote, b: Budget | undefined): { text: string; over: boolean } | undefined {
  if (q.billing !== 'credits' || !b) return undefined;
  if (b.daily_limit === null || b.left_today === null) {
    return { text: `No daily budget is set; ${credits(b.spent_today)} confirmed today.`, over: false };
  }
  const over = q.credits > b.left_today;
  return {
    text: `Today's budget: ${credits(b.left_today)} left of ${credits(b.daily_limit)} (${credits(b.spent_today)} spent).${over ? ' This quote is above what is left, so the server would refuse it.' : ''}`,
    over,
  };
}

export function quotePanel(
  root: Element,
  bridge: Bridge,
  req: QuoteRequest,
  next: (result: CallToolResult) => void,
): void {
  const q = req.quote;
  const budget = budgetLine(q, req.budget);
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const confirm = h(
    'button',
    { type: 'button', class: 'primary', disabled: budget?.over, 'data-action': 'confirm' },
    q.billing === 'credits' ? `Confirm and spend ${amount(q)}` : 'Confirm',
  );
  const cancel = h('button', { type: 'button', 'data-action': 'cancel' }, 'Cancel');
  let used = false;
  const settle = (): boolean => {
    if (used) return false;
    used = true;
    confirm.disabled = true;
    cancel.disabled = true;
    return true;
  };
  confirm.addEventListener('click', async () => {
    if (!settle()) return;
    status.textContent = 'Sending…';
    try {
      const result = await bridge.callTool(req.tool, { ...req.args, confirmation_token: req.token });
      if (result.isError) {
        status.setAttribute('role', 'alert');
        status.textContent = summaryOf(result);
        return;
      }
      void bridge.tellModel(
        `The person confirmed the quote in the view; ${req.tool} was called. ${summaryOf(result)}`,
      );
      next(result);
    } catch (err) {
      status.setAttribute('role', 'alert');
      status.textContent = `The host could not send it: ${(err as Error).message}`;
    }
  });
  cancel.addEventListener('click', () => {
    if (!settle()) return;
    status.textContent = 'Cancelled. Nothing was sent and nothing was charged.';
    void bridge.tellModel(`The person cancelled the quote for ${req.tool} in the view; nothing was sent.`);
  });

  const expires = localTime(req.expiresAt, bridge.context, { hour: '2-digit', minute: '2-digit' });
  const missing = q.missing_for_call?.length ? ` The call also needs ${q.missing_for_call.join(', ')}.` : '';
  const ending = req.token
    ? [
        expires && h('p', { class: 'muted' }, `This quote holds until ${expires}.`),
        h('div', { class: 'actions' }, confirm, cancel),
        status,
      ]
    : [
        h(
          'p',
          { class: 'muted', 'data-testid': 'indicative' },
          `An indicative price, nothing to confirm yet.${missing} The exact quote comes with the complete arguments.`,
        ),
      ];
  replace(
    root,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'quote-title' },
      h('p', { class: 'eyebrow' }, req.token ? 'Confirm a charge' : 'Price estimate'),
      h('h1', { id: 'quote-title' }, h('span', { class: 'amount', 'data-testid': 'amount' }, amount(q))),
      h('p', { class: 'muted' }, 'for ', h('code', {}, req.tool)),
      q.breakdown.length > 0 &&
        h(
          'table',
          { class: 'breakdown' },
          h('caption', {}, 'Breakdown'),
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Credits')),
          ),
          h(
            'tbody',
            {},
            ...q.breakdown.map((b) =>
              h('tr', {}, h('td', {}, b.item), h('td', { class: 'num' }, count(b.credits))),
            ),
          ),
          q.billing === 'credits' &&
            h(
              'tfoot',
              {},
              h('tr', {}, h('th', { scope: 'row' }, 'Total'), h('td', { class: 'num' }, count(q.credits))),
            ),
        ),
      h('p', { class: 'formula' }, h('span', { class: 'label' }, 'Formula '), h('code', {}, q.formula)),
      q.assumptions.length > 0 &&
        h('ul', { class: 'assumptions' }, ...q.assumptions.map((a) => h('li', {}, a))),
      budget &&
        h('p', { class: budget.over ? 'budget over' : 'budget', 'data-testid': 'budget' }, budget.text),
      ...ending,
    ),
  );
}
