/**
 * Which panel a result opens: a quote to confirm (estimate_cost, or a paid tool's "confirmation
 * required"), a render to follow (a creation answer, a pending wait_for_job), a finished video, or
 * the result's own sentence. Confirming leads to the render, and the render to the video, in place.
 */
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { Bridge } from './bridge.js';
import { message } from './message.js';
import { playerPanel, showSaved } from './player-panel.js';
import { type QuoteRequest, quotePanel } from './quote-panel.js';
import { cancelOf, renderPanel } from './render-panel.js';
import {
  type JobFacts,
  type JobRef,
  type Json,
  type Quote,
  structured,
  summaryOf,
  viewMeta,
} from './results.js';

function finished(root: Element, bridge: Bridge, facts: JobFacts): void {
  const url = facts.result_urls[0];
  if (!url) {
    message(root, 'Finished', 'The job finished without a video URL in its answer.');
    return;
  }
  playerPanel(root, bridge, {
    url,
    job: { provider: facts.provider, id: facts.id },
    language: facts.language,
    has_subtitles: facts.has_subtitles,
  });
}

function follow(root: Element, bridge: Bridge, job: JobRef, createAnswer?: Json, first?: JobFacts): void {
  const cancel = cancelOf(job, createAnswer);
  renderPanel(root, bridge, { ...job, cancel }, (f) => finished(root, bridge, f), first);
}

/** The quote a result asks the person to confirm: a paid tool's refusal, or estimate_cost's answer. */
function quoteIn(result: CallToolResult, input: Json): QuoteRequest | 'free' | undefined {
  const sc = structured(result);
  const meta = viewMeta(result);
  if (sc.code === 'confirmation_required' && typeof sc.confirmation_token === 'string' && meta.tool) {
    const { confirmation_token: _old, ...args } = input;
    const quote = sc.quote as Quote;
    return {
      tool: meta.tool,
      args,
      quote,
      token: sc.confirmation_token,
      expiresAt: sc.expires_at as string,
      budget: meta.budget,
    };
  }
  if (meta.tool !== 'estimate_cost' || result.isError) return undefined;
  const quote = sc as unknown as Quote;
  if (quote.billing === 'free') return 'free';
  const args = (input.arguments ?? {}) as Json;
  return {
    tool: quote.tool,
    args,
    quote,
    token: quote.confirmation_token,
    expiresAt: quote.expires_at,
    budget: meta.budget,
  };
}

/** Shows one tool result; `input` is the call's arguments (a quote is confirmed with them). */
export function showResult(root: Element, bridge: Bridge, result: CallToolResult, input: Json): void {
  const sc = structured(result);
  const quote = quoteIn(result, input);
  const job = sc.job as JobRef | undefined;
  const facts = sc as unknown as JobFacts;
  const followed = !result.isError && typeof facts.state === 'string' && typeof facts.id === 'string';
  if (quote === 'free') message(root, 'Free', 'This call costs nothing; no confirmation is needed.');
  else if (quote) quotePanel(root, bridge, quote, (r) => showResult(root, bridge, r, {}));
  else if (job && !result.isError) follow(root, bridge, job, sc.result as Json | undefined);
  else if (followed && facts.state === 'pending') follow(root, bridge, facts, undefined, facts);
  else if (followed && facts.state === 'completed') finished(root, bridge, facts);
  else if (!showSaved(root, bridge, result, input)) {
    message(root, result.isError ? 'Not done' : 'Done', summaryOf(result), Boolean(result.isError));
  }
}
