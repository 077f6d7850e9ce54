/**
 * Follows an SDK subscription for as long as an element is on the page. The SDK
 * already reconnects with backoff; this loop also reopens a stream that ended or
 * failed for a passing reason, and stops for good on answers that will not change
 * (unknown tracking code, refused token).
 */
import { errorCodeOf } from './client';

const FINAL = new Set(['NOT_FOUND', 'BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED']);
const MAX_DELAY_MS = 30_000;

export interface LiveHandlers<T> {
  next(value: T): void;
  /** `retrying` is false when the loop has stopped for good. */
  error(error: unknown, retrying: boolean): void;
}

export class LiveSubscription<T> {
  private stopped = false;
  private iterator?: AsyncIterator<T>;
  private wake?: () => void;

  constructor(
    private readonly open: () => AsyncIterator<T>,
    private readonly handlers: LiveHandlers<T>,
  ) {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
    void this.iterator?.return?.().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        this.iterator = this.open();
        for (;;) {
          const step = await this.iterator.next();
          if (step.done || this.stopped) break;
          failures = 0;
          this.handlers.next(step.value);
        }
      } catch (error) {
        if (this.stopped) return;
        const final = FINAL.has(errorCodeOf(error));
        this.handlers.error(error, !final);
        if (final) return;
      }
      if (this.stopped) return;
      // Randomised exponential backoff before reopening.
      const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** failures++) * (0.5 + Math.random() / 2);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, delay);
      });
    }
  }
}
