/**
 * Builds request paths so that each id fills exactly one path segment: an id can never add
 * segments, walk upwards or smuggle a query string into the URL.
 */

export function buildPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`missing path parameter ${name}`);
    const s = String(value);
    if (s === '.' || s === '..') throw new Error(`path parameter ${name} cannot be '${s}'`);
    return encodeURIComponent(s);
  });
}

export function buildQuery(query: Record<string, string | number | boolean | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}
