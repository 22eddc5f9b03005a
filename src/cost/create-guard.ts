/**
 * The charge guard: a paid call is sent only with a valid confirmation token for exactly these
 * arguments, an accepted elicitation that stated the amount, or an auto-approve rule; budgets hold
 * regardless; each confirmation is claimed in the ledger before sending, so it pays at most once.
 */
import { randomBytes } from 'node:crypto';
import {
  type CallToolResult,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
} from '@modelcontextprotocol/server';
import type { CatalogueEntry } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import { CostError } from '../errors.js';
import { LOCAL_PRINCIPAL } from '../store/ledger-record.js';
import { autoApproved, checkBudgets } from './budget.js';
import { argsHash } from './canonical.js';
import type { ChargeGuard, EstimateOptions, GuardedCall } from './guard.js';
import { type ConfirmedBy, Ledger, type LedgerRecord } from './ledger.js';
import { howToCheck, refusalError, settle, unknownOutcomeError } from './outcome.js';
import { type Quote, quoteFor, quoteSentence } from './quote.js';
import { markReplay } from './replay.js';
import { loadSigningKey } from './secret.js';
import { explainTokenRefusal, type TokenCheck, type TokenClaims, TokenSigner } from './tokens.js';

type BaseDeps = Omit<AppDeps, 'guard'>;

const CONFIRM_KEY = 'confirm_charge';
const CONFIRM_SCHEMA = {
  type: 'object' as const,
  properties: {
    confirm: { type: 'boolean' as const, title: 'Proceed with this charge', default: true },
  },
};
const RETRY_HINT =
  'Call estimate_cost with exactly the arguments you will send, show the person the amount, then pass its confirmation_token.';

/** Form elicitation is supported when declared; a bare `elicitation: {}` means form (pre-mode clients). */
function supportsFormElicitation(caps: ClientCapabilities | undefined): boolean {
  const e = caps?.elicitation as { form?: unknown; url?: unknown } | undefined;
  if (!e) return false;
  return e.form !== undefined || e.url === undefined;
}

/** The quote as estimate_cost and refusals show it (without the internal short form). */
export function publicQuote(q: Quote): Record<string, unknown> {
  const { short: _short, ...rest } = q;
  return rest;
}

class CostGuard implements ChargeGuard {
  private readonly signer: TokenSigner;
  private readonly inflight = new Map<string, Promise<CallToolResult>>();

  constructor(
    private readonly deps: BaseDeps,
    readonly ledger: Ledger,
  ) {
    this.signer = new TokenSigner(loadSigningKey(deps.config), () => deps.clock.wallNow());
  }

  async estimate(
    entry: CatalogueEntry,
    args: Record<string, unknown>,
    options: EstimateOptions = {},
  ): Promise<Record<string, unknown>> {
    const { missingForCall: missing, ...context } = options;
    const quote = await quoteFor(entry, args, { deps: this.deps, ...context });
    // A price question: what the call costs and what it still needs, but nothing to confirm yet.
    const incomplete = missing ? { indicative: true, missing_for_call: missing } : {};
    if (quote.billing === 'free') return { ...publicQuote(quote), ...incomplete };
    try {
      checkBudgets(this.deps.config, this.ledger, quote.billing, quote.credits, this.deps.clock.wallNow());
    } catch (err) {
      quote.assumptions.push(`The call would be refused now: ${(err as Error).message}`);
    }
    if (missing) return { ...publicQuote(quote), ...incomplete };
    const { token, claims } = this.signer.mint(
      entry.name,
      argsHash(entry.name, args),
      quote.billing,
      quote.credits,
    );
    return { ...publicQuote(quote), confirmation_token: token, expires_at: new Date(claims.e).toISOString() };
  }

  async run(call: GuardedCall): Promise<CallToolResult | InputRequiredResult> {
    const { entry, args, ctx } = call;
    const hash = argsHash(entry.name, args);
    const now = this.deps.clock.wallNow();

    const answer = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY);
    if (answer.kind === 'elicit') {
      const confirm = answer.content?.confirm;
      // Only a yes is consent: the box ticked, or left at its default (ticked). Clients should
      // validate answers against the schema; a malformed one is refused here regardless.
      if (answer.action === 'accept' && confirm !== undefined && typeof confirm !== 'boolean') {
        throw new CostError(
          'confirmation_declined',
          'The confirmation answer was not a yes or no (confirm must be true or false); nothing was sent.',
          RETRY_HINT,
        );
      }
      if (answer.action !== 'accept' || confirm === false) {
        throw new CostError(
          'confirmation_declined',
          `The person ${answer.action === 'cancel' ? 'cancelled' : 'declined'} the charge; nothing was sent.`,
          'Do not retry unless the person asks for it.',
        );
      }
      const state = ctx.mcpReq.requestState<string>();
      const check: TokenCheck =
        typeof state === 'string'
          ? this.signer.verify(state, entry.name, hash)
          : { ok: false, reason: 'malformed' };
      return this.confirmed(call, check, 'elicitation', now);
    }

    if (call.confirmationToken !== undefined) {
      return this.confirmed(call, this.signer.verify(call.confirmationToken, entry.name, hash), 'token', now);
    }

    const quote = await quoteFor(entry, args, { deps: this.deps, signal: ctx.mcpReq.signal });
    checkBudgets(this.deps.config, this.ledger, quote.billing, quote.credits, now);
    const auto = autoApproved(this.deps.config, quote.billing, quote.credits);
    // Concurrent identical auto-approved calls are one submission (an agent retrying in parallel).
    const key = `auto:${hash}`;
    const running = auto ? this.inflight.get(key) : undefined;
    if (running) return markReplay(await running, new Date(now).toISOString());
    // An identical submission that may have been charged makes this call look like a blind retry:
    // it then needs a person's confirmation even under an auto-approve limit.
    const doubt = this.unsettledTwin(entry.name, hash, now);
    if (auto && !doubt) {
      const claims: TokenClaims = {
        t: entry.name,
        h: hash,
        b: quote.billing,
        c: quote.credits,
        e: now,
        n: `auto_${randomBytes(12).toString('base64url')}`,
      };
      return this.submit(call, claims, 'auto_approve', key);
    }

    const { token, claims } = this.signer.mint(entry.name, hash, quote.billing, quote.credits);
    const sentence = doubt
      ? `${quoteSentence(quote)} An identical call at ${doubt.time} has an unknown outcome and may already have been charged.`
      : quoteSentence(quote);
    if (supportsFormElicitation(call.clientCapabilities)) {
      return inputRequired({
        inputRequests: {
          [CONFIRM_KEY]: inputRequired.elicit({
            message: `${sentence} Proceed?`,
            requestedSchema: CONFIRM_SCHEMA,
          }),
        },
        requestState: token,
      });
    }
    const expires = new Date(claims.e).toISOString();
    // The token once in the text and once in structuredContent: one copy to make, no copies to compare.
    throw new CostError(
      'confirmation_required',
      `${sentence} Not sent: this needs the person's approval.`,
      `Show the person the amount; if they agree, call ${entry.name} again with the same arguments and this confirmation_token (valid until ${expires}).`,
      { quote: publicQuote(quote), confirmation_token: token, expires_at: expires },
      `confirmation_token: ${token}`,
    );
  }

  private async confirmed(
    call: GuardedCall,
    check: TokenCheck,
    via: ConfirmedBy,
    now: number,
  ): Promise<CallToolResult> {
    if (!check.ok) {
      throw new CostError(
        'confirmation_invalid',
        `${explainTokenRefusal(check, call.entry.name)} Nothing was sent.`,
        RETRY_HINT,
        { reason: check.reason },
      );
    }
    // A replay is not a new spend: answer it before the budgets are applied.
    const prior = await this.replayOf(check.claims.n);
    if (prior) return prior;
    checkBudgets(this.deps.config, this.ledger, check.claims.b, check.claims.c, now);
    return this.submit(call, check.claims, via, check.claims.n);
  }

  /** The latest identical submission of the last day whose outcome is unknown (or still pending). */
  private unsettledTwin(tool: string, hash: string, now: number): LedgerRecord | undefined {
    const since = new Date(now - 86_400_000).toISOString();
    return this.ledger
      .all()
      .filter(
        (r) =>
          r.tool === tool &&
          r.args_hash === hash &&
          r.time >= since &&
          (r.outcome === 'unknown' || r.outcome === 'pending'),
      )
      .sort((a, b) => b.time.localeCompare(a.time))[0];
  }

  /** The recorded answer for a used confirmation, or undefined when it may be used (again). */
  private async replayOf(id: string): Promise<CallToolResult | undefined> {
    const running = this.inflight.get(id);
    if (running) {
      await running.catch(() => undefined);
    }
    const rec = this.ledger.get(id);
    if (!rec || rec.outcome === 'rejected' || rec.outcome === 'not_sent') return undefined;
    if (rec.outcome === 'sent' && rec.result) return markReplay(rec.result, rec.time);
    if (rec.outcome === 'pending') {
      throw new CostError(
        'confirmation_in_use',
        `This confirmation is being submitted by another call since ${rec.time} (or that server process stopped before recording the outcome), so it may have been charged. Nothing was sent again.`,
        `Wait and call again with the same token to get the result; if it stays like this: ${howToCheck(rec.provider, rec.billing)}`,
        { ledger_id: id, outcome: 'pending', may_have_been_charged: true },
      );
    }
    throw unknownOutcomeError(rec, true);
  }

  private async submit(
    call: GuardedCall,
    claims: TokenClaims,
    via: ConfirmedBy,
    key: string,
  ): Promise<CallToolResult> {
    const record: LedgerRecord = {
      id: claims.n,
      time: new Date(this.deps.clock.wallNow()).toISOString(),
      principal: LOCAL_PRINCIPAL,
      tool: call.entry.name,
      provider: call.entry.provider,
      args_hash: claims.h,
      billing: claims.b,
      quoted: claims.c,
      confirmed_by: via,
      outcome: 'pending',
    };
    if (!this.ledger.claim(record)) {
      // Another process (or a crashed run) holds this confirmation.
      const prior = await this.replayOf(claims.n);
      if (prior) return prior;
      throw new CostError(
        'confirmation_in_use',
        'This confirmation is being used by another call; nothing was sent.',
        RETRY_HINT,
      );
    }
    const pending = this.send(call, record);
    this.inflight.set(key, pending);
    if (key !== claims.n) this.inflight.set(claims.n, pending);
    try {
      return await pending;
    } finally {
      this.inflight.delete(key);
      this.inflight.delete(claims.n);
    }
  }

  private async send(call: GuardedCall, record: LedgerRecord): Promise<CallToolResult> {
    const settled = await settle(call);
    if ('error' in settled) {
      this.ledger.finish({ ...record, outcome: settled.outcome, error: settled.error.message });
      throw refusalError(settled);
    }
    const { charged, remaining, requestId } = settled;
    if (settled.outcome === 'unknown') {
      const finished: LedgerRecord = {
        ...record,
        outcome: 'unknown',
        error: settled.reason,
        charged,
        remaining,
        request_id: requestId,
      };
      this.ledger.finish(finished);
      throw unknownOutcomeError(finished, false);
    }
    const { result } = settled;
    const sc = (result.structuredContent ?? {}) as Record<string, unknown>;
    // A provider charging more than the confirmed quote (e.g. AI job options priced above the base
    // credits) is said plainly, so the agent can tell the person.
    const over =
      record.billing === 'credits' && charged !== undefined && charged > record.quoted
        ? `Note: the provider charged ${charged} credits, more than the ${record.quoted} quoted.`
        : undefined;
    const annotated: CallToolResult = {
      ...result,
      content: over ? [{ type: 'text', text: over }, ...result.content] : result.content,
      structuredContent: {
        ...sc,
        cost: {
          billing: record.billing,
          quoted: record.quoted,
          ...(charged !== undefined ? { charged } : {}),
          confirmed_by: record.confirmed_by,
          ledger_id: record.id,
          ...(over ? { charged_above_quote: true } : {}),
        },
      },
    };
    this.ledger.finish({
      ...record,
      outcome: 'sent',
      charged,
      remaining,
      request_id: requestId,
      result: annotated,
    });
    return annotated;
  }
}

export function createChargeGuard(deps: BaseDeps, ledger = new Ledger(deps.config.dataDir)): ChargeGuard {
  return new CostGuard(deps, ledger);
}
