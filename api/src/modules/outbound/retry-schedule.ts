/**
 * When to try a failed delivery again: exponential backoff with jitter, as
 * stripe-node and graphql-ws retry. The n-th retry waits between half and all
 * of base × 2^(n−1), at most an hour; with the default base of 5 s the first
 * retry comes within 5 s, and retries go on until the window (24 h) closes.
 */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/** Milliseconds to wait after `attempts` failed attempts (1 = the first failed). */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(baseMs * 2 ** exponent, MAX_RETRY_DELAY_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
