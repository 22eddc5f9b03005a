/**
 * Arguments generated from a tool's published JSON Schema (as tools/list shows it), with a seeded
 * generator so every run makes the same ones: valid samples, and single-fault mutations of a
 * sample (wrong type, null, bad enum, out-of-range number, bad length, too few or too many items,
 * a missing required key, an extra key, a reserved key), each naming the field it breaks.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema nodes are read dynamically
type Schema = Record<string, any>;
type Path = Array<string | number>;

/** The schema with each `$ref` to its `$defs` replaced by what it refers to. */
export function inlineRefs(root: Schema): Schema {
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as Schema).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) return walk(defs[ref.slice(8)]);
    return Object.fromEntries(
      Object.entries(node as Schema)
        .filter(([k]) => k !== '$defs')
        .map(([k, v]) => [k, walk(v)]),
    );
  };
  return walk(root) as Schema;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The JSON types a schema admits; empty when it admits anything. */
export function typesOf(s: Schema): string[] {
  if (s.anyOf) return (s.anyOf as Schema[]).flatMap(typesOf);
  if (s.enum) return [...new Set((s.enum as unknown[]).map(jsonType))];
  if (s.type === undefined) return [];
  const types = ([] as string[]).concat(s.type);
  return types.includes('number') ? [...types, 'integer'] : types;
}

const branch = (s: Schema): Schema => (s.anyOf ? (s.anyOf as Schema[])[0]! : s);

/**
 * Values whose format the server checks without publishing it (the token budget keeps URL and id
 * formats out of tools/list), by field name: what an agent reads off the name and description.
 */
export interface Hints {
  string(name: string, path: Path): string | undefined;
}

export interface FillOptions {
  /** Whether an optional property is given. */
  include(path: Path, name: string): boolean;
}

let counter = 0;

/** A value the published schema accepts. */
export function validValue(s0: Schema, path: Path, r: Rng, hints: Hints, fill: FillOptions): unknown {
  const s = branch(s0);
  const name = String(path.filter((p) => typeof p === 'string').at(-1) ?? '');
  if (s.enum) return pick(r, s.enum as unknown[]);
  const type = s.type ?? (s.properties ? 'object' : undefined);
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    const required = new Set<string>(s.required ?? []);
    for (const [key, prop] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
      if (required.has(key) || fill.include([...path, key], key))
        out[key] = validValue(prop, [...path, key], r, hints, fill);
    }
    return out;
  }
  if (type === 'array') {
    const n = Math.max(s.minItems ?? 0, 1);
    return Array.from({ length: n }, (_, i) => validValue(s.items ?? {}, [...path, i], r, hints, fill));
  }
  if (type === 'number' || type === 'integer') {
    const lo = s.minimum ?? s.exclusiveMinimum ?? 0;
    const hi = Math.min(s.maximum ?? lo + 10, lo + 1000);
    const v = lo + (hi - lo) * (0.25 + 0.5 * r());
    return type === 'integer' ? Math.min(Math.max(Math.round(v), Math.ceil(lo + 0.001)), Math.floor(hi)) : v;
  }
  if (type === 'boolean') return r() < 0.5;
  const hinted = hints.string(name, path);
  if (hinted !== undefined) return hinted;
  const text = `sample-${++counter}`;
  return text.padEnd(s.minLength ?? 0, 'x').slice(0, s.maxLength ?? text.length);
}

export interface Mutation {
  kind: string;
  /** The field the refusal must name, as refusals spell it (`settings.fps`). */
  field: string;
  args: Record<string, unknown>;
}

const RESERVED = ['__proto__', 'constructor', 'prototype'] as const;

const clone = <T>(v: T): T => structuredClone(v);

/** Sets a value at a path of a copy; `own` defines it as an own key (a `__proto__` assignment would not). */
function withValue(base: unknown, path: Path, value: unknown, own = false): Record<string, unknown> {
  const out = clone(base) as Record<string, unknown>;
  let node = out as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (own) Object.defineProperty(node, last, { value, enumerable: true, configurable: true, writable: true });
  else node[last] = value;
  return out;
}

function without(base: unknown, path: Path): Record<string, unknown> {
  const out = clone(base) as Record<string, unknown>;
  let node = out as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  delete node[path.at(-1)!];
  return out;
}

const fieldOf = (path: Path) => path.join('.');

/** A value of some JSON type the schema does not admit, or undefined when it admits them all. */
function wrongType(s: Schema): unknown {
  const allowed = typesOf(s);
  if (!allowed.length) return undefined;
  return [12345, 'not-the-right-type', true, ['x'], { x: 1 }].find((v) => !allowed.includes(jsonType(v)));
}

/** Every single-fault mutation of `base` the published schema says is invalid. */
export function mutations(schema: Schema, base: Record<string, unknown>): Mutation[] {
  const out: Mutation[] = [];
  const visit = (s0: Schema, value: unknown, path: Path) => {
    const s = s0.anyOf
      ? ((s0.anyOf as Schema[]).find((b) => typesOf(b).includes(jsonType(value))) ?? s0)
      : s0;
    if (path.length) {
      const bad = wrongType(s0);
      if (bad !== undefined)
        out.push({ kind: 'type', field: fieldOf(path), args: withValue(base, path, bad) });
      if (typesOf(s0).length && !typesOf(s0).includes('null'))
        out.push({ kind: 'null', field: fieldOf(path), args: withValue(base, path, null) });
      if (s.enum)
        out.push({ kind: 'enum', field: fieldOf(path), args: withValue(base, path, 'not-a-listed-value') });
      if (typeof value === 'number') {
        if (s.minimum !== undefined)
          out.push({ kind: 'range', field: fieldOf(path), args: withValue(base, path, s.minimum - 1) });
        if (s.exclusiveMinimum !== undefined)
          out.push({ kind: 'range', field: fieldOf(path), args: withValue(base, path, s.exclusiveMinimum) });
        if (s.maximum !== undefined)
          out.push({ kind: 'range', field: fieldOf(path), args: withValue(base, path, s.maximum + 1) });
        if (s.type === 'integer' && !Number.isInteger(value + 0.5))
          out.push({ kind: 'range', field: fieldOf(path), args: withValue(base, path, value + 0.5) });
      }
      if (typeof value === 'string') {
        if (s.minLength) out.push({ kind: 'length', field: fieldOf(path), args: withValue(base, path, '') });
        if (s.maxLength !== undefined)
          out.push({
            kind: 'huge',
            field: fieldOf(path),
            args: withValue(base, path, 'x'.repeat(s.maxLength + 1)),
          });
      }
      if (Array.isArray(value)) {
        if (s.minItems) out.push({ kind: 'items', field: fieldOf(path), args: withValue(base, path, []) });
        if (s.maxItems !== undefined && value.length)
          out.push({
            kind: 'huge',
            field: fieldOf(path),
            args: withValue(
              base,
              path,
              Array.from({ length: s.maxItems + 1 }, () => clone(value[0])),
            ),
          });
      }
    }
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(s.items ?? {}, item, [...path, i]);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[])
      out.push({ kind: 'missing', field: fieldOf([...path, key]), args: without(base, [...path, key]) });
    const documented = Object.keys(props);
    if (s.additionalProperties === false) {
      out.push({
        kind: 'extra',
        field: fieldOf([...path, 'zz_undocumented']),
        args: withValue(base, [...path, 'zz_undocumented'], 1),
      });
    } else {
      // Extra keys pass through here; one that only differs from a documented key in case does not.
      const near = documented.find((k) => k.toUpperCase() !== k && !documented.includes(k.toUpperCase()));
      if (near)
        out.push({
          kind: 'near-miss',
          field: fieldOf([...path, near.toUpperCase()]),
          args: withValue(base, [...path, near.toUpperCase()], (value as Record<string, unknown>)[near] ?? 1),
        });
    }
    const reserved = RESERVED[path.length % RESERVED.length]!;
    out.push({
      kind: 'reserved',
      field: fieldOf([...path, reserved]),
      args: withValue(base, [...path, reserved], { polluted: true }, true),
    });
    for (const [key, v] of Object.entries(value)) if (props[key]) visit(props[key], v, [...path, key]);
  };
  visit(schema, base, []);
  return out;
}

/** Fisher-Yates with the seeded generator. */
function shuffle<T>(list: T[], r: Rng): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** At most `max` mutations, spread over the kinds (each kind in turn), in a seeded order. */
export function bounded(list: Mutation[], max: number, r: Rng): Mutation[] {
  const byKind = new Map<string, Mutation[]>();
  for (const m of list) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  const queues = [...byKind.values()].map((q) => shuffle(q, r));
  const out: Mutation[] = [];
  while (out.length < max && queues.some((q) => q.length)) {
    for (const q of queues) if (q.length && out.length < max) out.push(q.shift()!);
  }
  return out;
}
