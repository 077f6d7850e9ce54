/**
 * Live feeds of one replica: the event tail, the subscribers, the wake-ups
 * between replicas, the viewers of open connections. It is the app's
 * {@link EventNotifier}: writers call `eventsCommitted()` after their commit.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config';
import type { Database } from '../../db/orm';
import { isUuid } from '../../domain/validate';
import { badInput, notFound } from '../../errors';
import type { Context } from '../../server/context';
import type { Logger } from '../../server/logger';
import { inSubtree, issueScopeSql } from '../auth/scope';
import { sql, type SQL } from '../../db/sql';
import { decodeEventCursor } from '../issues/event-cursor';
import type { IssueEventFilter } from '../issues/issue.type';
import { requireRegion } from '../regions/region.service';
import { normaliseTrackingCode } from '../tracking/tracking-code';
import type { TrackedIssue } from '../tracking/tracked-issue.type';
import { latestEventSeq, readEventsAfter } from './committed-events';
import type { IssueEventRow } from '../issues/issue.row';
import type { EventNotifier } from './event-notifier';
import { EventTail } from './event-tail';
import { IssueEventFeed, type FeedFilter } from './issue-event-feed';
import { LiveHub } from './live-hub';
import { LivePayload } from './live-payload';
import { loadTrackedSnapshots } from './tracked-snapshots';
import { TrackerFeed } from './tracker-feed';
import { ViewerDirectory } from './viewer-directory';
import { createWakeupBus, type WakeupBus } from './wakeup-bus';

export interface RealtimeLimits {
  /** Events read per statement by the tail. */
  tailBatch: number;
  /** Events read per statement by a replay or catch-up. */
  replayPage: number;
  /** Live events held for one slow `issueEvents` subscriber before it catches up from the database instead. */
  maxQueuedPerFeed: number;
  /** How often connected users' scopes are reloaded. */
  scopeRefreshMs: number;
}

export interface RealtimeDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /**
   * Each batch of committed events, just before live subscribers get it (metrics count them; the tracker cache
   * drops what they may change, so a query is never behind a subscription).
   */
  onPublished?: (count: number) => void;
}

const DEFAULT_LIMITS: RealtimeLimits = { tailBatch: 500, replayPage: 200, maxQueuedPerFeed: 256, scopeRefreshMs: 15_000 };

/** One per running API: start it, hand it to resolvers (`ctx.app.realtime`), stop it on shutdown. */
export class Realtime implements EventNotifier {
  readonly viewers: ViewerDirectory;
  private readonly hub = new LiveHub();
  private readonly tail: EventTail<Map<string, LivePayload<TrackedIssue>>>;
  private readonly limits: RealtimeLimits;
  private bus: WakeupBus | undefined;
  private stopped = false;
  /** Initial tracker snapshots being loaded, shared by trackers of the same code that arrive together. */
  private readonly loadingTracked = new Map<string, { since: number; snapshot: Promise<LivePayload<TrackedIssue> | undefined> }>();

  constructor(
    private readonly deps: RealtimeDeps,
    limits: Partial<RealtimeLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.viewers = new ViewerDirectory(deps.db, deps.logger);
    this.tail = new EventTail({
      read: (after, limit) => readEventsAfter(this.em(), after, limit),
      latestSeq: () => latestEventSeq(this.em()),
      prepare: (batch) => loadTrackedSnapshots(this.em(), this.hub.trackedCodesIn(batch)),
      dispatch: (batch, snapshots) => {
        this.deps.onPublished?.(batch.length);
        this.hub.dispatch(batch, snapshots);
      },
      pollMs: deps.config.realtimePollMs,
      batchSize: this.limits.tailBatch,
      logger: deps.logger,
    });
  }

  /** Positions the tail at the newest event and connects to Redis (without waiting for it). */
  async start(): Promise<void> {
    await this.tail.start();
    this.viewers.start(this.limits.scopeRefreshMs);
    this.bus = createWakeupBus({
      redisUrl: this.deps.config.redisUrl,
      prefix: this.deps.config.redisPrefix,
      logger: this.deps.logger,
      onWake: () => this.tail.wake(),
    });
  }

  eventsCommitted(): void {
    if (this.stopped) return;
    this.tail.wake();
    this.bus?.announce();
  }

  /** Resolves once the tail has handed out everything it was woken for (tests). */
  settled(): Promise<void> {
    return this.tail.idle();
  }

  /** Live subscribers on this replica. */
  get subscriberCounts(): { issueEvents: number; issueTracked: number } {
    return { issueEvents: this.hub.feedCount, issueTracked: this.hub.trackerCount };
  }

  /**
   * An `issueEvents` stream for the context's viewer (read anew at every
   * event). With `after`, it replays every later event in scope first.
   */
  async openEventFeed(ctx: Context, filterInput: IssueEventFilter | null | undefined, after: string | null | undefined) {
    const filter = await resolveFeedFilter(ctx.em, filterInput);
    let afterSeq: number | null = null;
    if (after !== null && after !== undefined) {
      afterSeq = decodeEventCursor(after);
      // A cursor beyond every committed event would silence the feed: it is not one of ours.
      if (afterSeq > this.tail.position && afterSeq > (await latestEventSeq(ctx.em))) {
        throw badInput('after is not an event cursor of this server: pass IssueEvent.cursor back unchanged.', 'after');
      }
    }
    const conditions = filterConditions(filter);
    const viewer = () => ctx.viewer;
    // Registered before its first read, in the same step as reading the tail's position: no gap.
    const feed: IssueEventFeed = new IssueEventFeed({
      viewer,
      filter,
      startAfter: afterSeq ?? this.tail.position,
      catchUp: afterSeq !== null,
      read: (from, limit) => {
        const scope = issueScopeSql(viewer(), sql.fragment`i`);
        return readEventsAfter(this.em(), from, limit, scope ? [scope, ...conditions] : conditions);
      },
      maxQueued: this.limits.maxQueuedPerFeed,
      pageSize: this.limits.replayPage,
      payloadOf: (event) => this.hub.eventPayload(event),
      onClose: () => this.hub.removeFeed(feed),
    });
    this.hub.addFeed(feed);
    return feed as AsyncIterableIterator<LivePayload<IssueEventRow>>;
  }

  /** An `issueTracked` stream: the current snapshot at once, then one after every change. */
  async openTracker(trackingCodeInput: string): Promise<AsyncIterableIterator<LivePayload<TrackedIssue>>> {
    // Whatever the caller typed (case, dashes, I for 1…): the canonical code is what the tail matches.
    const code = normaliseTrackingCode(trackingCodeInput);
    if (!code) throw notFound('Tracking code', trackingCodeInput);
    const shared = this.hub.latestSnapshot(code);
    if (shared) {
      // Current as of the tail's position, and registered in the same step: every later change reaches it.
      const feed = this.trackerFeed(code);
      feed.offer(shared);
      return feed;
    }
    const { since, snapshot: loading } = this.loadTracked(code);
    const snapshot = await loading;
    if (!snapshot) throw notFound('Tracking code', trackingCodeInput);
    const feed = this.trackerFeed(code);
    feed.offer(snapshot);
    if (this.tail.position === since) {
      this.hub.rememberSnapshot(code, snapshot);
    } else {
      // The tail handed out events while the snapshot loaded, before this feed listened: look again.
      const newer = (await loadTrackedSnapshots(this.em(), [code])).get(code);
      if (newer) feed.offer(newer);
    }
    return feed;
  }

  private trackerFeed(code: string): TrackerFeed {
    const feed = new TrackerFeed(code, (closed) => this.hub.removeTracker(closed));
    this.hub.addTracker(feed);
    return feed;
  }

  /** One load per code for the trackers that arrive together; `since` is the tail's position when it began. */
  private loadTracked(code: string) {
    let entry = this.loadingTracked.get(code);
    if (!entry) {
      const snapshot = loadTrackedSnapshots(this.em(), [code])
        .then((snapshots) => snapshots.get(code))
        .finally(() => this.loadingTracked.delete(code));
      entry = { since: this.tail.position, snapshot };
      this.loadingTracked.set(code, entry);
    }
    return entry;
  }

  /** Stops the tail (after its current read), the scope refreshes and Redis. New commits are ignored. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all([this.tail.stop(), this.viewers.stop(), this.bus?.close()]);
  }

  /** Statement-level reads need no identity map: one fork, never flushed. */
  private em(): EntityManager {
    return this.deps.db.orm.em.fork();
  }
}

async function resolveFeedFilter(em: EntityManager, input: IssueEventFilter | null | undefined): Promise<FeedFilter> {
  if (!input) return {};
  const id = (value: string | null | undefined, field: string) => {
    if (value === null || value === undefined) return null;
    if (!isUuid(value)) throw badInput(`${field} is not a valid id.`, field);
    return value.toLowerCase();
  };
  const gridId = id(input.gridId, 'filter.gridId');
  const assigneeId = id(input.assigneeId, 'filter.assigneeId');
  const regionPath = input.regionId ? (await requireRegion(em, input.regionId, 'filter.regionId')).path : null;
  return { gridId, assigneeId, regionPath };
}

function filterConditions(filter: FeedFilter): SQL[] {
  const out: SQL[] = [];
  if (filter.gridId) out.push(sql.fragment`i.grid_id = ${sql.value(filter.gridId)}::uuid`);
  if (filter.assigneeId) out.push(sql.fragment`i.assignee_id = ${sql.value(filter.assigneeId)}::uuid`);
  if (filter.regionPath) out.push(inSubtree(sql.fragment`i`, filter.regionPath));
  return out;
}
