import { SlidingWindow } from './SlidingWindow';

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
  private readonly window: SlidingWindow;

  constructor(
    private readonly limits: LoginThrottleLimits,
    now: () => number = Date.now,
  ) {
    this.window = new SlidingWindow(limits.windowMs, now);
  }

  /** Milliseconds until another attempt is allowed for this address/account, or 0. */
  retryAfter(address: string, account: string): number {
    return Math.max(
      this.window.wait(`a:${address}`, this.limits.perAddress),
      this.window.wait(`u:${account}`, this.limits.perAccount),
    );
  }

  record(address: string, account: string): void {
    this.window.record(`a:${address}`);
    this.window.record(`u:${account}`);
  }

  /** A successful login clears the account's failures, not the address's. */
  clearAccount(account: string): void {
    this.window.clear(`u:${account}`);
  }
}
