/**
 * What a call would charge: one Quote shape for every tool and billing class, built by the per-tool
 * quote functions of each provider. Quoting reads public lists and source videos, never writes.
 */
import { type BillingClass, billingOf, type CatalogueEntry } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import { CostError } from '../errors.js';
import { SAMAUTOMATION_QUOTES } from './samautomation-quotes.js';
import { SAMSAR_QUOTES } from './samsar-quotes.js';

export interface QuoteItem {
  item: string;
  credits: number;
}

export interface Quote {
  tool: string;
  billing: BillingClass;
  /** The amount a confirmation binds: exact, or the upper end of a range. */
  credits: number;
  credits_min?: number;
  per_second?: number;
  duration_seconds?: number;
  breakdown: QuoteItem[];
  formula: string;
  assumptions: string[];
  /** A few words for the confirmation question, e.g. 'RUNWAYML 30/s x 10 s'. */
  short: string;
}

export type QuoteBody = Omit<Quote, 'tool' | 'billing'>;

export interface QuoteContext {
  deps: Omit<AppDeps, 'guard'>;
  signal?: AbortSignal;
  /** A source duration the caller stated (estimate_cost), for translate and join. */
  durationSeconds?: number;
}

export type QuoteFn = (args: Record<string, unknown>, ctx: QuoteContext) => Promise<QuoteBody>;

/** How one paid tool is priced, and which arguments a price question must give. */
export interface Pricer {
  /**
   * The arguments the price cannot be told without; every other required one may be absent from a
   * price question (quoted as indicative). A function when a stated source duration replaces them.
   */
  needs: readonly string[] | ((stated: Pick<QuoteContext, 'durationSeconds'>) => readonly string[]);
  quote: QuoteFn;
}

const QUOTES: Record<string, Pricer> = { ...SAMSAR_QUOTES, ...SAMAUTOMATION_QUOTES };

/** The arguments a quote of this call cannot do without (none when it is free). */
export function priceNeeds(
  entry: Pick<CatalogueEntry, 'name' | 'billing'>,
  args: Record<string, unknown>,
  stated: Pick<QuoteContext, 'durationSeconds'>,
): readonly string[] {
  if (billingOf(entry as CatalogueEntry, args) === 'free') return [];
  const needs = QUOTES[entry.name]?.needs ?? [];
  return typeof needs === 'function' ? needs(stated) : needs;
}

export async function quoteFor(
  entry: Pick<CatalogueEntry, 'name' | 'billing' | 'toolset'>,
  args: Record<string, unknown>,
  ctx: QuoteContext,
): Promise<Quote> {
  const billing = billingOf(entry as CatalogueEntry, args);
  if (billing === 'free') {
    return {
      tool: entry.name,
      billing,
      credits: 0,
      breakdown: [],
      formula: 'free',
      assumptions: [],
      short: 'free',
    };
  }
  const fn = QUOTES[entry.name]?.quote;
  if (!fn) {
    // Refusing is the safe side: a paid tool without a price is never sent unconfirmed by mistake.
    throw new CostError('no_price', `No price is known for ${entry.name}, so it cannot be confirmed.`);
  }
  return { tool: entry.name, billing, ...(await fn(args, ctx)) };
}

/** The sentence a person is asked to approve. */
export function quoteSentence(q: Quote): string {
  if (q.billing === 'quota') return `This will use 1 video of the SamAutomation monthly plan (${q.tool}).`;
  if (q.billing === 'money') return `This will create a checkout link to buy a video pack (${q.short}).`;
  const range = q.credits_min !== undefined && q.credits_min !== q.credits ? `up to ` : '';
  return `This will charge ${range}${q.credits} credits (${q.short}).`;
}
