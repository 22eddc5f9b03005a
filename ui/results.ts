/**
 * The shapes the views read from this server's tool results (structuredContent), and the view
 * data the server adds under `_meta["videogen/view"]` for clients that render views.
 */
import type { CallToolResult } from '@modelcontextprotocol/client';

export type Json = Record<string, unknown>;

export interface Quote {
  tool: string;
  billing: 'free' | 'credits' | 'quota' | 'money';
  credits: number;
  credits_min?: number;
  breakdown: Array<{ item: string; credits: number }>;
  formula: string;
  assumptions: string[];
  confirmation_token?: string;
  expires_at?: string;
  /** A price from the price fields alone: no token, nothing to confirm yet. */
  indicative?: boolean;
  missing_for_call?: string[];
}

export interface Budget {
  daily_limit: number | null;
  spent_today: number;
  left_today: number | null;
}

export interface ViewMeta {
  tool?: string;
  budget?: Budget;
}

export interface JobRef {
  provider: 'samsar' | 'samautomation';
  id: string;
  kind?: string;
}

/** wait_for_job's answer. */
export interface JobFacts extends JobRef {
  state: 'pending' | 'completed' | 'failed' | 'cancelled';
  status?: string;
  stage?: string;
  progress_percent?: number;
  result_urls: string[];
  has_subtitles?: boolean | null;
  language?: string;
  reason?: string;
}

/** download_video's answer. */
export interface SavedFile {
  path: string;
  bytes: number;
  duration_seconds: number | null;
  url: string;
}

export interface Bucket {
  credits: number;
  calls: number;
  quota_videos: number;
  checkouts: number;
}

export interface SpendingReport {
  window: { from: string; to: string; days: number };
  by_provider: Array<Bucket & { provider: string }>;
  by_day: Array<Bucket & { day: string }>;
  by_tool: Array<Bucket & { tool: string }>;
  unknown_outcomes: Array<{ tool: string; time: string; outcome: string }>;
  providers: {
    samsar: { credits_remaining: number | null; as_of?: string };
    samautomation: {
      credits_remaining: number | null;
      credit_balance?: { ok: boolean; data?: Json; unavailable?: string };
      unavailable?: string;
    };
  };
}

export const structured = (r: CallToolResult): Json => (r.structuredContent ?? {}) as Json;

export const viewMeta = (r: CallToolResult): ViewMeta => (r._meta?.['videogen/view'] ?? {}) as ViewMeta;

/** The result's text without the JSON line the server appends for agents. */
export function summaryOf(r: CallToolResult): string {
  const sc = structured(r);
  if (typeof sc.message === 'string') return sc.hint ? `${sc.message} ${sc.hint}` : sc.message;
  const text = r.content?.find((c) => c.type === 'text') as { text?: string } | undefined;
  return (text?.text ?? '').split('\n')[0] ?? '';
}
