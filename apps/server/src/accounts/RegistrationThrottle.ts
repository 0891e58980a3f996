import { SlidingWindow } from './SlidingWindow';

export interface RegistrationLimits {
  perAddress: number;
  windowMs: number;
}

/**
 * Registrations per client address in a sliding window. Each costs a memory-hard password hash,
 * so without a limit one machine could keep the server busy hashing; the limit is generous
 * because a whole meeting may sign up from one office network.
 */
export class RegistrationThrottle {
  private readonly window: SlidingWindow;

  constructor(
    private readonly limits: RegistrationLimits,
    now: () => number = Date.now,
  ) {
    this.window = new SlidingWindow(limits.windowMs, now);
  }

  /** Milliseconds until this address may register again, or 0. */
  retryAfter(address: string): number {
    return this.window.wait(address, this.limits.perAddress);
  }

  record(address: string): void {
    this.window.record(address);
  }
}
