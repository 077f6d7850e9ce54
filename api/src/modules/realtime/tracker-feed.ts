/**
 * One `issueTracked` subscription. Each snapshot is the whole public state of
 * the issue, so a subscriber only ever needs the newest one: the feed holds at
 * most one undelivered snapshot (a slow consumer skips intermediate states,
 * never the latest) and never goes back to an older one.
 */
import type { TrackedIssue } from '../tracking/tracked-issue.type';
import type { LivePayload } from './live-payload';

type Result = IteratorResult<LivePayload<TrackedIssue>, undefined>;
const DONE: Result = { done: true, value: undefined };

export class TrackerFeed implements AsyncIterableIterator<LivePayload<TrackedIssue>> {
  private pending: LivePayload<TrackedIssue> | null = null;
  /** The version (timeline length, see `trackedPayload`) last delivered. */
  private deliveredSeq = -1;
  private waiting: ((result: Result) => void) | null = null;
  private closed = false;

  /** @param trackingCode the code as stored, which the tail matches events against */
  constructor(
    readonly trackingCode: string,
    private readonly onClose: (feed: TrackerFeed) => void,
  ) {}

  /** A snapshot; ignored unless newer than everything this feed has delivered or holds. */
  offer(snapshot: LivePayload<TrackedIssue>): void {
    if (this.closed || snapshot.seq <= Math.max(this.deliveredSeq, this.pending?.seq ?? -1)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.deliveredSeq = snapshot.seq;
      resolve({ done: false, value: snapshot });
      return;
    }
    this.pending = snapshot;
  }

  next(): Promise<Result> {
    if (this.closed) return Promise.resolve(DONE);
    const snapshot = this.pending;
    if (snapshot) {
      this.pending = null;
      this.deliveredSeq = snapshot.seq;
      return Promise.resolve({ done: false, value: snapshot });
    }
    return new Promise<Result>((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<Result> {
    this.close();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<Result> {
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(DONE);
    this.onClose(this);
  }
}
