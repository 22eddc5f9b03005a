/**
 * What tools/list shows of a tool: every tool definition costs the user context on every turn, so
 * the published JSON carries the constraints and nothing else. Validation still runs the full zod
 * schema (refinements, cross-field rules); only the advertised JSON Schema is trimmed.
 */
import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ToolHints } from './define.js';

type Json = Record<string, unknown>;

const published = new WeakMap<z.ZodType, Json>();

/** Drops the `$schema` URI (the protocol fixes the dialect) and is computed once per schema. */
function jsonSchemaOf(schema: z.ZodType): Json {
  let json = published.get(schema);
  if (!json) {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
    }) as Json;
    json = rest;
    published.set(schema, json);
  }
  return json;
}

/** A Standard Schema that validates with zod and advertises the trimmed JSON Schema. */
export function publishedSchema(
  schema: z.ZodObject,
): StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>> {
  const std = schema['~standard'];
  return {
    '~standard': {
      version: 1,
      vendor: 'zod',
      validate: (value: unknown) => std.validate(value),
      jsonSchema: { input: () => jsonSchemaOf(schema), output: () => jsonSchemaOf(schema) },
    },
  } as unknown as StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>>;
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
