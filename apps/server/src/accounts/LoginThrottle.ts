/**
 * Counts login attempts in a sliding window, per client address and per account, so neither a
 * single machine nor a distributed guesser aimed at one account gets many tries.
 */
export interface LoginThrottleLimits {
  perAddress: number;
  perAccount: number;
  windowMs: number;
}

export class LoginThrottle {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until another attempt is allowed for this address/account, or 0. */
  retryAfter(address: string, account: string): number {
    return Math.max(
      this.wait(`a:${address}`, this.limits.perAddress),
      this.wait(`u:${account}`, this.limits.perAccount),
    );
  }

  record(address: string, account: string): void {
    for (const key of [`a:${address}`, `u:${account}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.hits.set(key, list);
    }
    if (this.hits.size > 100_000) this.prune();
  }

  /** A successful login clears the account's failures, not the address's. */
  clearAccount(account: string): void {
    this.hits.delete(`u:${account}`);
  }

  private wait(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    return list[list.length - max]! + this.limits.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > cutoff);
  }

  private prune(): void {
    for (const key of this.hits.keys()) {
      const list = this.recent(key);
      if (list.length === 0) this.hits.delete(key);
      else this.hits.set(key, list);
    }
  }
}
