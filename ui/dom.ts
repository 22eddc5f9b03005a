/** A few DOM and formatting helpers shared by the views (no framework: each view stays a few KB). */

type Child = Node | string | number | false | null | undefined;

/** Creates an element; attributes starting with "on" become listeners, `false`/`undefined` are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, unknown> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith('on') && typeof value === 'function')
      el.addEventListener(key.slice(2), value as never);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const c of children) {
    if (c !== false && c !== null && c !== undefined) el.append(typeof c === 'object' ? c : String(c));
  }
  return el;
}

export function replace(root: Element, ...nodes: Node[]): void {
  root.replaceChildren(...nodes);
}

const number = new Intl.NumberFormat('en');
export const credits = (n: number) => `${number.format(n)} credit${n === 1 ? '' : 's'}`;
export const count = (n: number) => number.format(n);

/** 75.5 -> "1:15.5"; whole seconds without the fraction. */
export function clock(seconds: number): string {
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  const secs = Number.isInteger(rest) ? String(rest) : rest.toFixed(1);
  return `${m}:${secs.padStart(Number.isInteger(rest) ? 2 : 4, '0')}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "video_generation: IN_PROGRESS" -> "Video generation: in progress". */
export function readable(stage: string): string {
  const text = stage.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A time in the host's locale and time zone (the view's own defaults otherwise). */
export function localTime(
  iso: string | undefined,
  where: { locale?: string; timeZone?: string },
  options: Intl.DateTimeFormatOptions,
): string | undefined {
  if (!iso) return undefined;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return undefined;
  try {
    return time.toLocaleString(where.locale, { ...options, timeZone: where.timeZone });
  } catch {
    return time.toLocaleString(undefined, options); // an unknown locale or zone from the host
  }
}
