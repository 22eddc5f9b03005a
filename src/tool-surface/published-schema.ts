/**
 * What tools/list shows of a tool: every tool definition costs the user context on every turn, so
 * the published JSON carries the constraints and nothing else. Validation still runs the full zod
 * schema (refinements, cross-field rules); only the advertised JSON Schema is trimmed.
 */
import * as z from 'zod/v4';
import type { ToolHints } from '../catalogue/define.js';

type Json = Record<string, unknown>;

/** The JSON Schema tools/list shows, without the `$schema` URI (the protocol fixes the dialect). */
export function publishedJsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
  }) as Json;
  return terse(rest) as Json;
}

const isEmpty = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length;

/**
 * Drops what says nothing JSON Schema does not already assume: `additionalProperties: {}` (extra
 * keys allowed: the default) and `propertyNames: {type: string}` (JSON keys are strings). Every
 * object is strict or loose (never zod's silent strip), so a missing additionalProperties always
 * means the extra keys pass through.
 */
function terse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(terse);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && isEmpty(value)) continue;
    if (key === 'propertyNames' && JSON.stringify(value) === '{"type":"string"}') continue;
    // `properties` maps names to schemas: its keys are not keywords, only its values are walked.
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terse(v)]))
        : terse(value);
  }
  return out;
}

/** The MCP defaults; a hint equal to its default says nothing a client would not assume. */
const DEFAULT_HINTS: ToolHints = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

/** Annotations without the hints that equal the protocol defaults (same meaning, fewer tokens). */
export function publishedAnnotations(hints: ToolHints): Partial<ToolHints> {
  const out: Partial<ToolHints> = {};
  for (const key of Object.keys(DEFAULT_HINTS) as Array<keyof ToolHints>) {
    // destructive/idempotent only mean something for tools that change things
    if (hints.readOnlyHint && (key === 'destructiveHint' || key === 'idempotentHint')) continue;
    if (hints[key] !== DEFAULT_HINTS[key]) out[key] = hints[key];
  }
  return out;
}
