/**
 * Who a call comes from: the principal its HTTP bearer token names (the transport passes it as
 * ctx.http.authInfo, http-guards.ts), or `local` over stdio and on an HTTP server without tokens.
 * Budgets, ledger rows, idempotency keys and what spending_report shows are per caller.
 */
import type { ServerContext } from '@modelcontextprotocol/server';
import type { Config } from './config.js';
import { LOCAL_PRINCIPAL } from './store/ledger-record.js';

export interface Caller {
  name: string;
  /** Its own daily credit budget, within VIDEOGEN_DAILY_CREDIT_BUDGET. */
  dailyBudget?: number;
  /** Sees every principal's spending (the single user, the single token), or only its own. */
  seesAll: boolean;
}

export const LOCAL_CALLER: Caller = Object.freeze({ name: LOCAL_PRINCIPAL, seesAll: true });

export function callerOf(ctx: Pick<ServerContext, 'http'>, config: Config): Caller {
  const name = ctx.http?.authInfo?.clientId;
  if (!name) return LOCAL_CALLER;
  const p = config.server.principals.find((x) => x.name === name);
  return { name, dailyBudget: p?.dailyBudget, seesAll: p?.seesAll ?? false };
}
