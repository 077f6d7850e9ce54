/**
 * One `issueEvents` subscription: the events in its viewer's scope that match
 * its filter, exactly once each and in `seq` order.
 *
 * It is in one of two modes:
 * - catching up: it reads committed events after the last one it delivered
 *   from the database, a page at a time, as fast as its consumer takes them,
 *   while live events are buffered. A read that returns a short page while no
 *   live event was dropped meanwhile means it has caught up: the page and the
 *   buffer (less what the page already had) become the live queue.
 * - live: the tail offers each new event; the queue is bounded. A consumer
 *   too slow to keep up does not hold more memory: the feed drops its queue
 *   and catches up from the database, where every event is kept anyway.
 *
 * The live listener is registered before the first read, so an event
 * committed while a read runs is either in that read or in the buffer
 * (or both, and delivered once): there is no gap across the switch.
 */
import type { Viewer } from '../auth/viewer';
import { viewerSeesIssue } from '../auth/scope';
import type { CommittedEvent } from './committed-events';
import type { IssueEventRow } from '../issues/issue.row';
import type { LivePayload } from './live-payload';
import { DONE, LiveStream } from './live-stream';

/** What a feed subscription asked for, resolved (a region as its path). */
export interface FeedFilter {
  gridId?: string | null;
  regionPath?: string | null;
  assigneeId?: string | null;
}

export interface IssueEventFeedOptions {
  /** The subscriber's viewer as it is now (scope is checked at the moment of each event). */
  viewer: () => Viewer | null;
  filter: FeedFilter;
  /** Deliver only events after this sequence number. */
  startAfter: number;
  /** Start by reading from the database (a subscription with `after`); otherwise start live. */
  catchUp: boolean;
  /** Committed events after `afterSeq` in the viewer's scope and matching the filter, oldest first. */
  read: (afterSeq: number, limit: number) => Promise<CommittedEvent[]>;
  /** The most events held for a consumer before it is switched to catching up from the database. */
  maxQueued: number;
  pageSize: number;
  /** The payload for an event read from the database (shared with others where possible). */
  payloadOf: (event: CommittedEvent) => LivePayload<IssueEventRow>;
  onClose: () => void;
}

interface Queued {
  seq: number;
  payload: LivePayload<IssueEventRow>;
}

type Step = IteratorResult<LivePayload<IssueEventRow>, undefined>;

export function matchesFeedFilter(filter: FeedFilter, event: CommittedEvent): boolean {
  const { facts } = event;
  if (filter.gridId && facts.gridId !== filter.gridId) return false;
  if (filter.assigneeId && facts.assigneeId !== filter.assigneeId) return false;
  if (filter.regionPath && !facts.regionPath.startsWith(filter.regionPath)) return false;
  return true;
}

export class IssueEventFeed extends LiveStream<IssueEventRow> {
  private catchingUp: boolean;
  private lastDelivered: number;
  /** Live events: the buffer while catching up, the delivery queue while live. */
  private queue: Queued[] = [];
  /** Set when live events were dropped since the current database read began. */
  private droppedDuringRead = false;
  private page: CommittedEvent[] = [];
  private reading = false;
  /** The error that ended the stream, until a poll has reported it. */
  private failure: { error: unknown } | null = null;
  private closed = false;

  constructor(private readonly options: IssueEventFeedOptions) {
    super();
    this.catchingUp = options.catchUp;
    this.lastDelivered = options.startAfter;
  }

  /** Whether this subscriber should get the event: in scope now, and matching the filter. */
  wants(event: CommittedEvent): boolean {
    return !this.closed && matchesFeedFilter(this.options.filter, event) && viewerSeesIssue(this.options.viewer(), event.facts);
  }

  /** A new committed event (in `seq` order) that this feed {@link wants}. */
  offer(seq: number, payload: LivePayload<IssueEventRow>): void {
    if (this.closed || seq <= this.lastDelivered) return;
    if (this.queue.length >= this.options.maxQueued) {
      // Bounded memory: forget the queue; the database has every event after lastDelivered.
      this.queue = [];
      this.droppedDuringRead = true;
      this.catchingUp = true;
      return;
    }
    this.queue.push({ seq, payload });
    if (!this.catchingUp) this.notify();
  }

  poll(): Step | undefined {
    for (;;) {
      if (this.failure) {
        const { error } = this.failure;
        this.failure = null;
        throw error;
      }
      if (this.closed) return DONE;
      if (this.catchingUp) {
        const row = this.page.shift();
        if (row) {
          this.lastDelivered = row.seq;
          return { done: false, value: this.options.payloadOf(row) };
        }
        this.readPage();
        return undefined;
      }
      const item = this.queue.shift();
      if (!item) return undefined;
      if (item.seq <= this.lastDelivered) continue;
      this.lastDelivered = item.seq;
      return { done: false, value: item.payload };
    }
  }

  /** Starts reading the next page (unless a read is running); the listener hears when it is in. */
  private readPage(): void {
    if (this.reading) return;
    this.reading = true;
    this.droppedDuringRead = false;
    const { pageSize } = this.options;
    this.options.read(this.lastDelivered, pageSize).then(
      (rows) => {
        this.reading = false;
        if (this.closed) return;
        if (rows.length < pageSize && !this.droppedDuringRead) {
          // Caught up: the page, then whatever went live meanwhile (duplicates are skipped by seq).
          const last = rows.length ? rows[rows.length - 1].seq : this.lastDelivered;
          this.queue = [
            ...rows.map((row) => ({ seq: row.seq, payload: this.options.payloadOf(row) })),
            ...this.queue.filter((item) => item.seq > last),
          ];
          this.catchingUp = false;
        } else {
          this.page = rows;
        }
        this.notify();
      },
      (error: unknown) => {
        this.reading = false;
        // The stream ends with the error (the client resumes with `after`); stop listening too.
        this.failure = { error };
        this.close();
      },
    );
  }

  protected close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.page = [];
    this.options.onClose();
    this.notify();
  }
}
