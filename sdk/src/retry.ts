/**
 * Backoff for retried requests and reconnecting subscriptions: exponential,
 * with jitter so that many clients cut off together do not return together.
 */

/** How the client retries. Pass `retry: false` to `createClient` to turn every retry off. */
export interface RetryOptions {
  /** Retries of one HTTP request after a network failure or a 5xx answer (default 3). */
  retries?: number;
  /** Reconnects of a subscription in a row without a successful connection (default: no limit). */
  reconnects?: number;
  /** The first backoff delay in milliseconds; it doubles with each attempt (default 300). */
  minDelayMs?: number;
  /** The longest backoff delay in milliseconds (default 10 000). */
  maxDelayMs?: number;
}

/** Retry options with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** Fills in the defaults; `false` means never retry. */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { retries: 0, reconnects: 0, minDelayMs: 0, maxDelayMs: 0 };
  return {
    retries: Math.max(0, options?.retries ?? 3),
    reconnects: Math.max(0, options?.reconnects ?? Number.POSITIVE_INFINITY),
    minDelayMs: Math.max(0, options?.minDelayMs ?? 300),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 10_000),
  };
}

/**
 * The delay before retry number `attempt` (0-based): the exponential step,
 * capped, of which a random half is kept ("equal jitter": never zero, never in lockstep).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
