/**
 * A small time-to-live cache with in-flight de-duplication, for lists that change slowly
 * (models, fonts: about an hour; session and task lists: about 30 s).
 */

interface Entry<T> {
  value?: T;
  expires: number;
  pending?: Promise<T>;
}

export class TtlCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(private readonly now: () => number = Date.now) {}

  async get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key) as Entry<T> | undefined;
    if (hit?.pending) return hit.pending;
    if (hit && 'value' in hit && hit.expires > this.now()) return hit.value as T;
    const pending = load().then(
      (value) => {
        this.entries.set(key, { value, expires: this.now() + ttlMs });
        return value;
      },
      (err) => {
        this.entries.delete(key);
        throw err;
      },
    );
    this.entries.set(key, { ...(hit ?? { expires: 0 }), pending });
    return pending;
  }

  /** The last loaded value, even if stale; undefined when never loaded. */
  peek<T>(key: string): T | undefined {
    return this.entries.get(key)?.value as T | undefined;
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }
}
