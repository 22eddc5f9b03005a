/**
 * The keys of a call's arguments, checked against the JSON Schema the tool publishes in tools/list,
 * so the server never disagrees with its own inputSchema: where an object says
 * `additionalProperties: false` an extra key is refused by name; where it lets extra keys through
 * (renderer keys the reference passes on), a near miss of a documented key is refused with the key
 * it most likely means, and any other extra key is reported back as passed through unchecked.
 * `__proto__`, `constructor` and `prototype` are refused at any depth, whatever the schema says, and
 * so is an object or array nested deeper than any documented value.
 */
import { closestName } from '../did-you-mean.js';
import type { FieldProblem } from '../errors.js';

type Json = Record<string, unknown>;

/** Names that reach prototype machinery in a JavaScript consumer: never forwarded. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface KeyReport {
  problems: FieldProblem[];
  /** Paths of extra keys in pass-through objects, e.g. `settings.my_key`. */
  unchecked: string[];
}

/** Enough to fix a call; past it the walk stops, so a flood of keys costs no more than this. */
export const MAX_REPORTED = 50;

/** Deeper than any documented value; what lies below would only exhaust recursive code downstream. */
export const MAX_DEPTH = 64;

/** A path as refusals name it: `settings.text_overlays.0.text`; an empty path is the arguments. */
export function fieldName(path: readonly PropertyKey[]): string {
  if (!path.length) return 'arguments';
  return path.map((p) => clip(String(p))).join('.');
}

/** Keys come from the caller: an absurdly long one is shortened before it is echoed. */
const clip = (key: string) => (key.length > 60 ? `${key.slice(0, 57)}...` : key);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The branch of an anyOf/oneOf whose type fits the value (zod reports a value that fits none). */
function branchFor(schema: Json, value: unknown): Json | undefined {
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (!branches) return schema;
  const t = jsonType(value);
  return branches.find((b) => {
    const types = b.type === undefined ? [t] : ([] as unknown[]).concat(b.type);
    return types.includes(t) || (t === 'integer' && types.includes('number'));
  });
}

/** The documented key a misspelt one means; a key far longer than any documented one means none. */
const nearMiss = (key: string, known: string[]) =>
  known.length && key.length <= 64 ? closestName(key, known) : undefined;

function unknownKeyFix(key: string, known: string[]): string {
  const near = nearMiss(key, known);
  if (near) return `did you mean ${near}?`;
  if (!known.length) return 'this object takes no keys';
  const shown = known.slice(0, 12).join(', ');
  return `documented keys: ${shown}${known.length > 12 ? ', ...' : ''}`;
}

/** Walks the value along its published schema; reserved keys are refused everywhere, schema or not. */
export function checkKeys(schema: Json, value: unknown): KeyReport {
  const report: KeyReport = { problems: [], unchecked: [] };
  // An explicit stack: arguments come from the caller and may be nested deeper than the call stack.
  const stack: Array<{ schema: Json | undefined; value: unknown; path: PropertyKey[] }> = [
    { schema, value, path: [] },
  ];
  while (stack.length && report.problems.length < MAX_REPORTED) {
    const { schema: s0, value: v, path } = stack.pop()!;
    if (path.length > MAX_DEPTH && v !== null && typeof v === 'object') {
      report.problems.push({
        field: fieldName(path),
        problem: `is nested more than ${MAX_DEPTH} levels deep`,
      });
      continue;
    }
    const s = s0 && branchFor(s0, v);
    if (Array.isArray(v)) {
      const items = s?.items as Json | undefined;
      for (let i = v.length - 1; i >= 0; i--) stack.push({ schema: items, value: v[i], path: [...path, i] });
      continue;
    }
    if (!isObject(v)) continue;
    const props = (s?.properties ?? {}) as Record<string, Json>;
    const known = Object.keys(props);
    const extra = s?.additionalProperties;
    const children: typeof stack = [];
    for (const key of Object.keys(v)) {
      if (report.problems.length >= MAX_REPORTED) break;
      const at = [...path, key];
      if (RESERVED_KEYS.has(key)) {
        report.problems.push({ field: fieldName(at), problem: 'is a reserved name and is never sent' });
      } else if (s && Object.hasOwn(props, key)) {
        children.push({ schema: props[key], value: v[key], path: at });
      } else if (s && extra === false) {
        report.problems.push({
          field: fieldName(at),
          problem: 'unknown key',
          fix: unknownKeyFix(key, known),
        });
      } else {
        // A pass-through object with documented keys: a near miss is a mistake, the rest goes on as given.
        const near = s ? nearMiss(key, known) : undefined;
        if (near) {
          report.problems.push({
            field: fieldName(at),
            problem: 'unknown key',
            fix: `did you mean ${near}?`,
          });
          continue;
        }
        if (s && known.length && report.unchecked.length < MAX_REPORTED) report.unchecked.push(fieldName(at));
        children.push({ schema: isObject(extra) ? extra : undefined, value: v[key], path: at });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return report;
}
