/**
 * A small token bucket per client address, for routes anyone can reach without a token (the
 * providers' callbacks): a burst of `capacity` requests, then `refillPerSecond`. The table of
 * addresses is bounded: past `maxAddresses` the least recently seen one is forgotten (a full bucket,
 * which is what it would have refilled to).
 */

export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
  maxAddresses?: number;
  /** Milliseconds, monotonic. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class AddressBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(private readonly o: BucketOptions) {
    this.now = o.now ?? (() => performance.now());
  }

  /** Takes one token for `address`: 0 when allowed, else the seconds until one is there. */
  take(address: string): number {
    const now = this.now();
    const b = this.buckets.get(address) ?? { tokens: this.o.capacity, at: now };
    b.tokens = Math.min(this.o.capacity, b.tokens + ((now - b.at) / 1000) * this.o.refillPerSecond);
    b.at = now;
    this.buckets.delete(address);
    this.buckets.set(address, b);
    if (this.buckets.size > (this.o.maxAddresses ?? 10_000)) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.o.refillPerSecond));
  }
}
