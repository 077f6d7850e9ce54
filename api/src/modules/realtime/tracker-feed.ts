/**
 * One `issueTracked` subscription. Each snapshot is the whole public state of
 * the issue, so a subscriber only ever needs the newest one: the feed holds at
 * most one undelivered snapshot (a slow consumer skips intermediate states,
 * never the latest) and never goes back to an older one.
 */
import type { TrackedIssue } from '../tracking/tracked-issue.type';
import type { LivePayload } from './live-payload';
import { DONE, LiveStream } from './live-stream';

export class TrackerFeed extends LiveStream<TrackedIssue> {
  private pending: LivePayload<TrackedIssue> | null = null;
  /** The version (timeline length, see `trackedPayload`) last delivered. */
  private deliveredSeq = -1;
  private closed = false;

  /** @param trackingCode the code as stored, which the tail matches events against */
  constructor(
    readonly trackingCode: string,
    private readonly onClose: (feed: TrackerFeed) => void,
  ) {
    super();
  }

  /** A snapshot; ignored unless newer than everything this feed has delivered or holds. */
  offer(snapshot: LivePayload<TrackedIssue>): void {
    if (this.closed || snapshot.seq <= Math.max(this.deliveredSeq, this.pending?.seq ?? -1)) return;
    this.pending = snapshot;
    this.notify();
  }

  poll(): IteratorResult<LivePayload<TrackedIssue>, undefined> | undefined {
    if (this.closed) return DONE;
    const snapshot = this.pending;
    if (!snapshot) return undefined;
    this.pending = null;
    this.deliveredSeq = snapshot.seq;
    return { done: false, value: snapshot };
  }

  protected close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    this.onClose(this);
    this.notify();
  }
}
