/**
 * Zod's issues as refusals an agent can act on: every failing field at once, each with what is wrong
 * and, where there is one, the tool that lists valid values (`samsar_list_models` for a model...).
 */
import type * as z from 'zod/v4';
import { closestName } from '../did-you-mean.js';
import type { FieldProblem } from '../errors.js';
import { fieldName } from './input-keys.js';

type Json = Record<string, unknown>;

/** Fields whose valid values come from a tool, where the published schema does not say so itself. */
const VALUES_FROM: Record<string, string> = {
  video_model: 'samsar_list_models',
  image_model: 'samsar_list_models',
  font_key: 'samsar_list_fonts',
  model_id: 'samautomation_list_ai_models',
};

/** A `*_list_*` tool named in a description ("From samautomation_list_templates."). */
const LISTING_TOOL = /\b(?:samsar|samautomation)_list_[a-z_]+/;

/** The published schema of the field at `path`, following properties, items and union branches. */
function schemaAt(schema: Json | undefined, path: readonly PropertyKey[]): Json | undefined {
  let s = schema;
  for (const key of path) {
    if (!s) return undefined;
    const branches = (s.anyOf ?? s.oneOf) as Json[] | undefined;
    const options = branches ?? [s];
    s = options
      .map((o) =>
        typeof key === 'number'
          ? (o.items as Json | undefined)
          : ((o.properties as Record<string, Json> | undefined)?.[String(key)] ??
            (typeof o.additionalProperties === 'object' ? (o.additionalProperties as Json) : undefined)),
      )
      .find(Boolean);
  }
  return s;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Where valid values come from: a tool the field's description names, or the known sources. */
function sourceFix(path: readonly PropertyKey[], published: Json): string | undefined {
  const described = schemaAt(published, path)?.description;
  const named = typeof described === 'string' ? LISTING_TOOL.exec(described)?.[0] : undefined;
  const tool = named ?? VALUES_FROM[String(path.at(-1))];
  return tool ? `call ${tool} for valid values` : undefined;
}

/** Zod's own wording, rephrased for a few codes; a schema's custom message is kept as written. */
function problemOf(issue: z.core.$ZodIssue, given: unknown, present: boolean): string {
  const own = !/^(Invalid input|Invalid option)/.test(issue.message);
  if (own) return issue.message;
  if (issue.code === 'invalid_type') {
    if (!present) return 'is required';
    return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  }
  if (issue.code === 'invalid_value') {
    const shown = issue.values.slice(0, 20).map(String).join(', ');
    return `must be one of: ${shown}${issue.values.length > 20 ? ', ...' : ''}`;
  }
  if (issue.code === 'invalid_union')
    return typeof given === 'object' && given !== null
      ? 'does not match any accepted form'
      : 'has the wrong type';
  return issue.message;
}

export function problemsFromZod(error: z.ZodError, value: unknown, published: Json): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    // Extra keys are refused by the key walk (input-keys.ts), with a suggestion; these would repeat it.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({ field: fieldName([...issue.path, k]), problem: 'unknown key' }));
    const given = valueAt(value, issue.path);
    const parent = valueAt(value, issue.path.slice(0, -1));
    const present =
      !issue.path.length ||
      (parent !== null && typeof parent === 'object' && Object.hasOwn(parent, issue.path.at(-1)!));
    const problem = problemOf(issue, given, present);
    let fix = sourceFix(issue.path, published);
    if (!fix && issue.code === 'invalid_value' && typeof given === 'string') {
      const near = closestName(given, issue.values.map(String));
      if (near) fix = `did you mean ${near}?`;
    }
    return [{ field: fieldName(issue.path), problem, ...(fix ? { fix } : {}) }];
  });
}
