/**
 * The charge guard: a paid call is sent only with a valid confirmation token for exactly these
 * arguments, an accepted elicitation that stated the amount, or an auto-approve rule; budgets hold
 * regardless; each confirmation (and each client idempotency key) is claimed in the money store
 * before sending, with the daily budgets reserved in the same atomic step, so it pays at most once
 * across every instance sharing the store. A store that cannot be reached refuses the call before
 * anything is sent or asked (StoreUnavailableError).
 */
import { randomBytes } from 'node:crypto';
import {
  type CallToolResult,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
} from '@modelcontextprotocol/server';
import { LOCAL_CALLER } from '../caller.js';
import type { CatalogueEntry } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import { CostError } from '../errors.js';
import type { ConfirmedBy, LedgerRecord } from '../store/ledger-record.js';
import type { NewLedgerRecord } from '../store/money-store.js';
import { autoApproved, budgetError, budgetLimits, checkCallLimit, checkDailyBudgets } from './budget.js';
import { argsHash } from './canonical.js';
import type { ChargeGuard, EstimateOptions, GuardedCall } from './guard.js';
import { keyBinding, ledgerIdFor } from './idempotency.js';
import { refusalError, settle, unknownOutcomeError } from './outcome.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { type Quote, quoteFor, quoteSentence } from './quote.js';
import { markReplay, type Reuse } from './replay.js';
import { explainTokenRefusal, type TokenCheck, type TokenClaims, TokenSigner } from './tokens.js';
import { answerForUsed, orphanedAfterMs } from './used-submission.js';

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

/**
 * Whether a call may go without a person: no unsettled twin (clear), one that needs a person's
 * confirmation (doubt), or the call is answered already (sent, or its key's first use replayed).
 */
type Doubt =
  | { kind: 'clear' }
  | { kind: 'doubt'; doubt: LedgerRecord }
  | { kind: 'answered'; result: CallToolResult };

class CostGuard implements ChargeGuard {
  private readonly signer: TokenSigner;
  private readonly inflight = new Map<string, Promise<CallToolResult>>();
  /** Auto-approved calls under way, by caller and argument hash (identical calls join them). */
  private readonly autoRuns = new Map<string, Promise<Doubt>>();
  private readonly outcomes: OutcomeRecorder;
  /** A claim pending longer than this was left by a process that stopped mid-call. */
  private readonly orphanedAfter: number;

  constructor(
    private readonly deps: BaseDeps,
    signingKey: Buffer,
  ) {
    this.signer = new TokenSigner(signingKey, () => deps.clock.wallNow());
    this.outcomes = new OutcomeRecorder(deps.store, deps.logger);
    this.orphanedAfter = orphanedAfterMs(deps.config);
  }

  private get store() {
    return this.deps.store;
  }

  async estimate(
    entry: CatalogueEntry,
    args: Record<string, unknown>,
    options: EstimateOptions = {},
  ): Promise<Record<string, unknown>> {
    const { missingForCall: missing, caller = LOCAL_CALLER, ...context } = options;
    const quote = await quoteFor(entry, args, { deps: this.deps, ...context });
    // A price question: what the call costs and what it still needs, but nothing to confirm yet.
    const incomplete = missing ? { indicative: true, missing_for_call: missing } : {};
    if (quote.billing === 'free') return { ...publicQuote(quote), ...incomplete };
    try {
      checkCallLimit(this.deps.config, quote.billing, quote.credits);
      const now = this.deps.clock.wallNow();
      await checkDailyBudgets(this.store, this.deps.config, caller, quote.billing, quote.credits, now);
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
    const { entry, args, ctx, caller } = call;
    const hash = argsHash(entry.name, args);
    const now = this.deps.clock.wallNow();

    // A key used before answers with its first submission, before anything else is looked at.
    const earlier = await this.keyReplay(call, hash);
    if (earlier) return earlier;

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
      return this.confirmed(call, check, 'elicitation');
    }

    if (call.confirmationToken !== undefined) {
      return this.confirmed(call, this.signer.verify(call.confirmationToken, entry.name, hash), 'token');
    }

    const quote = await quoteFor(entry, args, { deps: this.deps, signal: ctx.mcpReq.signal });
    checkCallLimit(this.deps.config, quote.billing, quote.credits);
    // Refused before a person is asked; the claim below reserves the budget for real.
    await checkDailyBudgets(this.store, this.deps.config, caller, quote.billing, quote.credits, now);
    let outcome: Doubt;
    if (autoApproved(this.deps.config, quote.billing, quote.credits)) {
      // Concurrent identical auto-approved calls are one submission (an agent retrying in parallel):
      // a later one joins the first (in this process; a key does this across instances).
      const same = call.idempotencyKey === undefined ? `auto:${caller.name}:${hash}` : undefined;
      const joined = same ? this.autoRuns.get(same) : undefined;
      outcome = await (joined ?? this.autoSubmit(call, hash, quote, now, same));
      if (outcome.kind === 'answered' && joined)
        return markReplay(outcome.result, new Date(now).toISOString());
    } else {
      outcome = await this.doubtOf(call, hash, now);
    }
    if (outcome.kind === 'answered') return outcome.result;
    const doubt = outcome.kind === 'doubt' ? outcome.doubt : undefined;
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

  /**
   * An identical submission of the caller that may have been charged makes this call look like a
   * blind retry: it then needs a person's confirmation even under an auto-approve limit. With a key,
   * that submission may be the key's own first use, bound before it was claimed: then its answer.
   */
  private async doubtOf(call: GuardedCall, hash: string, now: number): Promise<Doubt> {
    const twin = await this.unsettledTwin(call, hash, now);
    if (!twin) return { kind: 'clear' };
    const own = call.idempotencyKey === undefined ? undefined : await this.keyReplay(call, hash);
    return own ? { kind: 'answered', result: own } : { kind: 'doubt', doubt: twin };
  }

  /** An auto-approved call: sent, unless a doubt needs a person; registered under `same` at once. */
  private autoSubmit(
    call: GuardedCall,
    hash: string,
    quote: Quote,
    now: number,
    same: string | undefined,
  ): Promise<Doubt> {
    const run = (async (): Promise<Doubt> => {
      const doubt = await this.doubtOf(call, hash, now);
      if (doubt.kind !== 'clear') return doubt;
      const claims: TokenClaims = {
        t: call.entry.name,
        h: hash,
        b: quote.billing,
        c: quote.credits,
        e: now,
        n: `auto_${randomBytes(12).toString('base64url')}`,
      };
      return { kind: 'answered', result: await this.submit(call, claims, 'auto_approve') };
    })();
    if (same) {
      this.autoRuns.set(same, run);
      const done = () => {
        if (this.autoRuns.get(same) === run) this.autoRuns.delete(same);
      };
      run.then(done, done);
    }
    return run;
  }

  private async confirmed(call: GuardedCall, check: TokenCheck, via: ConfirmedBy): Promise<CallToolResult> {
    if (!check.ok) {
      throw new CostError(
        'confirmation_invalid',
        `${explainTokenRefusal(check, call.entry.name)} Nothing was sent.`,
        RETRY_HINT,
        { reason: check.reason },
      );
    }
    // A replay is not a new spend: answer it before the limits are applied (the claim reserves the
    // daily budgets, after it has ruled out a replay).
    const prior = await this.replayOf(check.claims.n);
    if (prior) return prior;
    checkCallLimit(this.deps.config, check.claims.b, check.claims.c);
    return this.submit(call, check.claims, via);
  }

  /** The latest identical submission of the caller in the last day whose outcome is unknown (or still pending). */
  private async unsettledTwin(
    call: GuardedCall,
    hash: string,
    now: number,
  ): Promise<LedgerRecord | undefined> {
    const since = new Date(now - 86_400_000).toISOString();
    const twins = await this.store.twins({
      tool: call.entry.name,
      argsHash: hash,
      since,
      principal: call.caller.name,
    });
    return twins[0];
  }

  /**
   * The answer for a call whose idempotency key was used before (its first submission's), or
   * undefined when the key is new or its submission was provably not accepted.
   */
  private async keyReplay(call: GuardedCall, hash: string): Promise<CallToolResult | undefined> {
    const first = await keyBinding(this.store, call, hash);
    return first && this.replayOf(first.ledgerId, 'idempotency_key');
  }

  /** The recorded answer for a used confirmation or key (used-submission.ts), after any call of it here ends. */
  private async replayOf(id: string, reused: Reuse = 'confirmation'): Promise<CallToolResult | undefined> {
    const running = this.inflight.get(id);
    if (running) {
      await running.catch(() => undefined);
    }
    const rec = this.outcomes.get(id) ?? (await this.store.get(id));
    return answerForUsed(rec, reused, this.deps.clock.wallNow(), this.orphanedAfter);
  }

  private async submit(call: GuardedCall, claims: TokenClaims, via: ConfirmedBy): Promise<CallToolResult> {
    const { caller } = call;
    const id = await ledgerIdFor(this.store, call, claims, via, this.deps.clock.wallNow());
    const reused: Reuse = call.idempotencyKey === undefined ? 'confirmation' : 'idempotency_key';
    const record: NewLedgerRecord = {
      id,
      time: new Date(this.deps.clock.wallNow()).toISOString(),
      principal: caller.name,
      tool: call.entry.name,
      provider: call.entry.provider,
      args_hash: claims.h,
      billing: claims.b,
      quoted: claims.c,
      confirmed_by: via,
    };
    const claimed = await this.store.claim(record, budgetLimits(this.deps.config, caller));
    if (!claimed.ok) {
      if (claimed.reason !== 'claimed') throw budgetError(claimed, claims.c, caller);
      // Another call or instance (or a crashed run) holds this id.
      const prior = await this.replayOf(id, reused);
      if (prior) return prior;
      throw new CostError(
        reused === 'confirmation' ? 'confirmation_in_use' : 'idempotency_key_in_use',
        `This ${reused} is being used by another call; nothing was sent.`,
        reused === 'confirmation'
          ? RETRY_HINT
          : 'Wait and call again with the same idempotency_key to get the result.',
      );
    }
    const pending = this.send(call, claimed.record);
    this.inflight.set(id, pending);
    try {
      return await pending;
    } finally {
      this.inflight.delete(id);
    }
  }

  private async send(call: GuardedCall, record: LedgerRecord): Promise<CallToolResult> {
    const settled = await settle(call);
    if ('error' in settled) {
      await this.outcomes.record(record, { outcome: settled.outcome, error: settled.error.message });
      throw refusalError(settled);
    }
    const { charged, remaining, requestId } = settled;
    if (settled.outcome === 'unknown') {
      const finished = await this.outcomes.record(record, {
        outcome: 'unknown',
        error: settled.reason,
        charged,
        remaining,
        request_id: requestId,
      });
      throw unknownOutcomeError(
        finished,
        false,
        call.idempotencyKey === undefined ? 'confirmation' : 'idempotency_key',
      );
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
    await this.outcomes.record(record, {
      outcome: 'sent',
      charged,
      remaining,
      request_id: requestId,
      result: annotated,
    });
    return annotated;
  }
}

/** The guard over `deps.store`, signing tokens with `signingKey` (signingKeyFor in secret.ts). */
export function createChargeGuard(deps: BaseDeps, signingKey: Buffer): ChargeGuard {
  return new CostGuard(deps, signingKey);
}
