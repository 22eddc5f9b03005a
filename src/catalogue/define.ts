/**
 * The shape of one catalogue entry: everything the server knows about one upstream endpoint.
 * Registration, estimate_cost, the README table and the contract tests all read these entries.
 */
import type * as z from 'zod/v4';
import type { Toolset } from '../config.js';
import type { AppDeps } from '../deps.js';
import type { Provider } from '../errors.js';
import type { Method } from '../http/retry-policy.js';

export type BillingClass = 'free' | 'credits' | 'quota' | 'money';

/** How a created job is followed (wait_for_job kinds). */
export type JobKind =
  | 'samsar_session'
  | 'samautomation_task'
  | 'samautomation_advanced'
  | 'samautomation_ai_job';

/** Honest annotations are required on every tool: clients auto-approve read-only tools. */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** What every tool of the server declares, catalogue entry or not. */
export interface ToolDescriptor<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  /** A sentence or two: what it does, what it costs, what to call before or after. */
  description: string;
  toolset: Toolset;
  input: S;
  annotations: ToolHints;
  /** The class of charge; a function when it depends on the arguments (advanced preview is free). */
  billing: BillingClass | ((args: z.output<S>) => BillingClass);
}

export interface RequestParts {
  pathParams?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Send to the entry's externalPath (the /external_users twin). */
  external?: boolean;
}

export interface CatalogueEntry<S extends z.ZodObject = z.ZodObject> extends ToolDescriptor<S> {
  provider: Provider;
  method: Method;
  /** Documented path template below the provider's base URL, e.g. '/api/templates/{template_id}/'. */
  path: string;
  /** The /external_users/... twin of the route, for (ext) tools. */
  externalPath?: string;
  /** False for routes the reference documents as public. */
  auth: boolean;
  /** Builds the documented request (envelope, field names) from validated arguments. */
  request(args: z.output<S>): RequestParts;
  /** Checks that need the network (e.g. font_key against the fonts list); throw ValidationError. */
  precheck?(args: z.output<S>, deps: AppDeps, signal?: AbortSignal): Promise<void>;
  /** Set when the answer carries a job id to follow with wait_for_job. */
  job?: JobKind;
  /** One line for the agent: what happened and what to call next. */
  summarize(data: unknown, args: z.output<S>): string;
}

/** Identity function that keeps the schema's type for `request`, `summarize` and `precheck`. */
export function defineEntry<S extends z.ZodObject>(entry: CatalogueEntry<S>): CatalogueEntry {
  return entry as unknown as CatalogueEntry;
}

export function billingOf(tool: ToolDescriptor, args: unknown): BillingClass {
  return typeof tool.billing === 'function' ? tool.billing(args as never) : tool.billing;
}

/** True when some arguments can make the call charge. */
export function mayCharge(tool: ToolDescriptor): boolean {
  return typeof tool.billing === 'function' || tool.billing !== 'free';
}
