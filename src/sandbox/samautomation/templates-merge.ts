/**
 * What "apply" does to a template's settings: overrides are deep-merged over them (arrays are
 * replaced, not concatenated), then {{variable}} placeholders are filled in.
 */

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepMerge(base: Json, override: Json): Json {
  if (!isObject(base) || !isObject(override)) return override === undefined ? base : override;
  const out: Record<string, Json> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = deepMerge(base[k], v);
  return out;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/**
 * Replaces {{name}} in every string. A string that is exactly one placeholder takes the variable's
 * own type (so "{{fps}}" can become 30). Names without a value are reported and left in place.
 */
export function substitute(value: Json, vars: Record<string, Json>, missing: Set<string>): Json {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}$/.exec(value);
    if (whole && whole[1]! in vars) return vars[whole[1]!];
    return value.replace(PLACEHOLDER, (m, name: string) => {
      if (!(name in vars)) {
        missing.add(name);
        return m;
      }
      return String(vars[name]);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars, missing));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars, missing)]));
  }
  return value;
}
