/**
 * The public hot path's memory: `trackIssue` answers from here while nothing
 * changed. Every open tracker and portal page asks again and again for an
 * issue that changes a few times a week; each answer was one statement.
 *
 * An answer is dropped — all answers are — as soon as this replica learns that
 * something may have changed:
 *  - a write on this replica: committed issue events (`eventsCommitted`), any
 *    mutation, an import (cleared before the writer's answer leaves, so its
 *    client reads its own write);
 *  - a write on another replica: the events the realtime tail hands out
 *    (cleared before the live trackers get them, so a query is never behind a
 *    subscription on the same replica);
 *  - anything else (another replica renaming a category or a grid, which
 *    appends no event): an answer is kept `ttlMs` at most.
 *
 * A load that was running while the answers were dropped is not kept: it may
 * have read the state before the change. Codes that match no issue are not
 * kept (guessing codes must not push real answers out).
 */
import { LRUCache } from 'lru-cache';
import { normaliseTrackingCode } from './tracking-code';
import type { TrackedIssue } from './tracked-issue.type';

export interface TrackedIssueCacheOptions {
  /** Answers kept (least recently used go first). */
  max?: number;
  /** How long an answer is kept at most, whatever this replica heard. */
  ttlMs?: number;
}

export class TrackedIssueCache {
  /** Answers, and loads still running (shared by the requests that arrive meanwhile). */
  private readonly answers: LRUCache<string, Promise<TrackedIssue | null>>;

  /** @param load reads the TrackedIssue of a canonical tracking code (tracking.service's loadTrackedIssue) */
  constructor(
    private readonly load: (code: string) => Promise<TrackedIssue | null>,
    { max = 10_000, ttlMs = 1_000 }: TrackedIssueCacheOptions = {},
  ) {
    this.answers = new LRUCache({ max, ttl: ttlMs });
  }

  /**
   * The TrackedIssue for what someone typed as a tracking code, or null. Requests for a code that arrive while it
   * loads share that load. The object is shared too: callers must not change it.
   */
  get(typed: string): Promise<TrackedIssue | null> {
    const code = normaliseTrackingCode(typed);
    if (!code) return Promise.resolve(null);
    const kept = this.answers.get(code);
    if (kept) return kept;
    const loading = this.load(code);
    this.answers.set(code, loading);
    // A load dropped meanwhile (clear) is no longer there to forget, and stays out.
    const forget = () => {
      if (this.answers.peek(code) === loading) this.answers.delete(code);
    };
    loading.then((tracked) => tracked ?? forget(), forget);
    return loading;
  }

  /** Drops every answer, and every load still running: later requests read afresh. */
  clear(): void {
    this.answers.clear();
  }

  /** Answers kept now (tests, metrics). */
  get size(): number {
    return this.answers.size;
  }
}
