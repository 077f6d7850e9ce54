/**
 * This replica's live subscribers, and the hand-out of each batch of
 * committed events to them. Per event, a feed subscriber costs one scope and
 * filter check; every subscriber that takes the event shares one payload, and
 * every tracker of a tracking code shares one snapshot.
 */
import { LRUCache } from 'lru-cache';
import type { TrackedIssue } from '../tracking/tracked-issue.type';
import type { CommittedEvent } from './committed-events';
import type { IssueEventRow } from '../issues/issue.row';
import type { IssueEventFeed } from './issue-event-feed';
import { LivePayload } from './live-payload';
import type { TrackerFeed } from './tracker-feed';

/** Recently handed-out events kept for replays (a reconnect storm after a replica restart replays these). */
const RECENT_EVENTS = 256;

export class LiveHub {
  /** By `seq`; read with `peek`, so the oldest events go first (events arrive in `seq` order). */
  private readonly recent = new LRUCache<number, LivePayload<IssueEventRow>>({ max: RECENT_EVENTS });
  private readonly feeds = new Set<IssueEventFeed>();
  private readonly trackers = new Map<string, Set<TrackerFeed>>();
  /** The newest snapshot handed out per tracked code, while the code has trackers: new trackers start from it. */
  private readonly latestTracked = new Map<string, LivePayload<TrackedIssue>>();

  addFeed(feed: IssueEventFeed): void {
    this.feeds.add(feed);
  }

  removeFeed(feed: IssueEventFeed): void {
    this.feeds.delete(feed);
  }

  addTracker(feed: TrackerFeed): void {
    let set = this.trackers.get(feed.trackingCode);
    if (!set) {
      set = new Set();
      this.trackers.set(feed.trackingCode, set);
    }
    set.add(feed);
  }

  removeTracker(feed: TrackerFeed): void {
    const set = this.trackers.get(feed.trackingCode);
    if (!set) return;
    set.delete(feed);
    if (set.size === 0) {
      this.trackers.delete(feed.trackingCode);
      this.latestTracked.delete(feed.trackingCode);
    }
  }

  /** The newest snapshot of a code that has trackers, if one was handed out. */
  latestSnapshot(trackingCode: string): LivePayload<TrackedIssue> | undefined {
    return this.latestTracked.get(trackingCode);
  }

  /** Keeps a freshly loaded snapshot for later trackers (only while the code has trackers). */
  rememberSnapshot(trackingCode: string, payload: LivePayload<TrackedIssue>): void {
    if (this.trackers.has(trackingCode) && !this.latestTracked.has(trackingCode)) this.latestTracked.set(trackingCode, payload);
  }

  /**
   * The payload of an event for a replay: the one live subscribers got while it
   * is recent (so replays share executions too), else a new one.
   */
  eventPayload(event: CommittedEvent): LivePayload<IssueEventRow> {
    return this.recent.peek(event.seq) ?? new LivePayload(event.event, event.seq);
  }

  /** The tracking codes in a batch that someone here is tracking: only those need a snapshot. */
  trackedCodesIn(batch: readonly CommittedEvent[]): string[] {
    const codes = new Set<string>();
    for (const event of batch) {
      for (const code of [event.trackingCode, ...event.followerCodes]) if (this.trackers.has(code)) codes.add(code);
    }
    return [...codes];
  }

  /** Hands a batch (in `seq` order) to the subscribers. Synchronous, so no subscriber joins halfway. */
  dispatch(batch: readonly CommittedEvent[], snapshots: ReadonlyMap<string, LivePayload<TrackedIssue>>): void {
    for (const event of batch) {
      const payload = new LivePayload(event.event, event.seq);
      for (const feed of this.feeds) if (feed.wants(event)) feed.offer(event.seq, payload);
      this.recent.set(event.seq, payload);
    }
    for (const [code, payload] of snapshots) {
      const set = this.trackers.get(code);
      if (!set) continue;
      const previous = this.latestTracked.get(code);
      if (!previous || previous.seq < payload.seq) this.latestTracked.set(code, payload);
      for (const tracker of set) tracker.offer(payload);
    }
  }

  get feedCount(): number {
    return this.feeds.size;
  }

  get trackerCount(): number {
    let count = 0;
    for (const set of this.trackers.values()) count += set.size;
    return count;
  }
}
