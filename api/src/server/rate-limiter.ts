/**
 * Fixed-window counters in memory, per key. Enough for one replica; each
 * replica limits on its own (documented in the README).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string): number {
    const now = this.now();
    this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.start + this.windowMs - now) / 1000) : 0;
  }

  /** Seconds until allowed again without counting a hit (0 when allowed). */
  blockedFor(key: string): number {
    const window = this.windows.get(key);
    const now = this.now();
    if (!window || now - window.start >= this.windowMs || window.count < this.limit) return 0;
    return Math.ceil((window.start + this.windowMs - now) / 1000);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  /** Takes back one hit of the current window (an attempt counted up front that turned out fine). */
  undo(key: string): void {
    const window = this.windows.get(key);
    if (window && this.now() - window.start < this.windowMs && window.count > 0) window.count -= 1;
  }

  private lastSweep = 0;

  /** Forget finished windows now and then, so memory stays bounded by the active keys. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
