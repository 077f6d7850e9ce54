/**
 * The issueEvents feed's bookkeeping, against an in-memory timeline: replay
 * then live with no gap or duplicate, and a slow consumer that holds bounded
 * memory and still gets every event once.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { Role, IssueEventType, IssueStatus } from '../../api/src/domain/enums';
import type { Viewer } from '../../api/src/modules/auth/viewer';
import type { CommittedEvent } from '../../api/src/modules/realtime/committed-events';
import { IssueEventFeed } from '../../api/src/modules/realtime/issue-event-feed';
import { LivePayload } from '../../api/src/modules/realtime/live-payload';
import { TrackerFeed } from '../../api/src/modules/realtime/tracker-feed';

const GRID = '00000000-0000-4000-8000-000000000001';
const OTHER_GRID = '00000000-0000-4000-8000-000000000002';
const worker: Viewer = {
  userId: 'u',
  username: 'worker',
  displayName: 'worker',
  role: Role.GRID_WORKER,
  cadreId: null,
  gridWorkerId: 'w',
  gridIds: [GRID],
  scopeRegionPath: null,
};

function event(seq: number, gridId = GRID): CommittedEvent {
  return {
    seq,
    trackingCode: 'LM-0000-0000-0000',
    followerCodes: [],
    facts: { gridId, assigneeId: null, regionPath: '/city/' },
    event: {
      id: String(seq),
      cursor: `c${seq}`,
      issueId: 'i',
      type: IssueEventType.COMMENTED,
      fromStatus: IssueStatus.ACCEPTED,
      toStatus: IssueStatus.ACCEPTED,
      note: null,
      publicNote: null,
      actorName: null,
      at: new Date(0).toISOString(),
    },
  };
}

/** A committed timeline that a feed reads from, counting reads. */
class Timeline {
  readonly events: CommittedEvent[] = [];
  reads = 0;
  /** Runs before a read returns: events "committed while the query runs". */
  duringRead: (() => void) | undefined;

  append(feed: IssueEventFeed | undefined, gridId = GRID): CommittedEvent {
    const e = event(this.events.length + 1, gridId);
    this.events.push(e);
    if (feed?.wants(e)) feed.offer(e.seq, new LivePayload(e.event, e.seq));
    return e;
  }

  read = async (after: number, limit: number) => {
    this.reads++;
    // The snapshot is taken first; what the hook commits is not in this read.
    const rows = this.events.filter((e) => e.seq > after && e.facts.gridId === GRID).slice(0, limit);
    await Promise.resolve();
    this.duringRead?.();
    return rows;
  };
}

function feedOn(timeline: Timeline, options: { startAfter: number; catchUp: boolean; maxQueued?: number; pageSize?: number }) {
  let closed = false;
  const feed = new IssueEventFeed({
    viewer: () => worker,
    filter: {},
    read: timeline.read,
    maxQueued: options.maxQueued ?? 8,
    pageSize: options.pageSize ?? 4,
    payloadOf: (e) => new LivePayload(e.event, e.seq),
    startAfter: options.startAfter,
    catchUp: options.catchUp,
    onClose: () => {
      closed = true;
    },
  });
  return { feed, isClosed: () => closed };
}

async function take(feed: IssueEventFeed, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    const step = await feed.next();
    assert.equal(step.done, false);
    seqs.push(step.value!.seq);
  }
  return seqs;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the issueEvents feed', () => {
  it('replays every later event in scope, then goes live, with events committed during the replay delivered once', async () => {
    const timeline = new Timeline();
    for (let i = 0; i < 10; i++) timeline.append(undefined, i % 3 === 0 ? OTHER_GRID : GRID);
    const { feed } = feedOn(timeline, { startAfter: 2, catchUp: true });
    // While the first and second replay queries run, more events commit and are offered live.
    timeline.duringRead = () => {
      if (timeline.reads <= 2) timeline.append(feed);
    };
    // Seven in scope after seq 2: five committed before, two during the replay.
    const first = await take(feed, 7);
    assert.deepEqual(first, [3, 5, 6, 8, 9, 11, 12]);
    assert.deepEqual(first, timeline.events.filter((e) => e.seq > 2 && e.facts.gridId === GRID).map((e) => e.seq));
    timeline.duringRead = undefined;
    const live = timeline.append(feed);
    assert.deepEqual(await take(feed, 1), [live.seq]);
    timeline.append(feed, OTHER_GRID);
    const last = timeline.append(feed);
    assert.deepEqual(await take(feed, 1), [last.seq], 'an event out of scope is never offered');
  });

  it('starts live after the given position without reading the database', async () => {
    const timeline = new Timeline();
    timeline.append(undefined);
    const { feed } = feedOn(timeline, { startAfter: 1, catchUp: false });
    const next = feed.next();
    const e = timeline.append(feed);
    assert.equal((await next).value!.seq, e.seq);
    assert.equal(timeline.reads, 0);
  });

  it('holds at most maxQueued events for a consumer that does not keep up, then catches up from the database in order', async () => {
    const timeline = new Timeline();
    const { feed } = feedOn(timeline, { startAfter: 0, catchUp: false, maxQueued: 8, pageSize: 4 });
    for (let i = 0; i < 100; i++) timeline.append(feed);
    const queued = (feed as unknown as { queue: unknown[] }).queue.length;
    assert.ok(queued <= 8, `at most 8 queued, found ${queued}`);
    // More arrive while it catches up.
    let extra = 0;
    timeline.duringRead = () => {
      if (extra++ < 5) timeline.append(feed);
    };
    const seqs = await take(feed, 105);
    assert.deepEqual(seqs, range(1, 105));
    timeline.duringRead = undefined;
    const e = timeline.append(feed);
    assert.deepEqual(await take(feed, 1), [e.seq], 'live again after catching up');
  });

  it('reads again when live events overflowed while it was catching up, instead of going live with a gap', async () => {
    const timeline = new Timeline();
    for (let i = 0; i < 3; i++) timeline.append(undefined);
    const { feed } = feedOn(timeline, { startAfter: 0, catchUp: true, maxQueued: 8, pageSize: 4 });
    // The first read comes back short (3 < 4), but 12 events (more than maxQueued) commit meanwhile.
    timeline.duringRead = () => {
      if (timeline.reads === 1) for (let i = 0; i < 12; i++) timeline.append(feed);
    };
    assert.deepEqual(await take(feed, 15), range(1, 15));
    assert.ok(timeline.reads > 1, 'it read the dropped events from the database');
    const e = timeline.append(feed);
    assert.deepEqual(await take(feed, 1), [e.seq]);
  });

  it('ends a pending read on return() and stops listening', async () => {
    const timeline = new Timeline();
    const { feed, isClosed } = feedOn(timeline, { startAfter: 0, catchUp: false });
    const pending = feed.next();
    await feed.return();
    assert.deepEqual(await pending, { done: true, value: undefined });
    assert.equal(isClosed(), true);
    assert.equal(feed.wants(event(1)), false);
  });

  it('closes itself when a catch-up read fails', async () => {
    const { feed, isClosed } = feedOn(
      Object.assign(new Timeline(), {
        read: async () => {
          throw new Error('database away');
        },
      }),
      { startAfter: 0, catchUp: true },
    );
    await assert.rejects(feed.next(), /database away/);
    assert.equal(isClosed(), true);
  });
});

describe('the issueTracked feed', () => {
  const snapshot = (version: number) => new LivePayload({ version } as never, version);

  it('delivers the newest snapshot only, never an older one', async () => {
    const feed = new TrackerFeed('LM-0000-0000-0000', () => undefined);
    feed.offer(snapshot(1));
    assert.equal((await feed.next()).value!.seq, 1);
    feed.offer(snapshot(3));
    feed.offer(snapshot(2));
    feed.offer(snapshot(5));
    feed.offer(snapshot(4));
    assert.equal((await feed.next()).value!.seq, 5, 'a slow consumer skips to the newest');
    const next = feed.next();
    feed.offer(snapshot(5));
    feed.offer(snapshot(6));
    assert.equal((await next).value!.seq, 6, 'the same version is not sent twice');
  });
});
