/**
 * The overdue sweep (overdue-sweeper.ts) with a pinned clock, against the database: OVERDUE for each
 * missed deadline and DUE_SOON at the share of the resolve limit, each exactly once, at the right
 * instant (deadlines are strict, the share point is inclusive), in batches, and on its timer.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Client } from 'pg';
import {
  DUE_SOON_NOTE,
  OVERDUE_SWEEP_LOCK,
  RESOLVE_OVERDUE_NOTE,
  RESPONSE_OVERDUE_NOTE,
  startOverdueSweeper,
  sweepOverdue,
} from '../../api/src/modules/issues/overdue-sweeper';
import type { Logger } from '../../api/src/server/logger';
import { TestClock } from '../support/clock';
import type { FixtureGrid } from '../support/fixtures';
import { itOn } from '../support/databases';
import { openDirectDatabase, type DirectDatabase } from '../support/direct-db';

const T = new Date('2026-05-20T06:00:00.000Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(T.getTime() + ms);

/** Counts the notifier's calls: it must be told after each commit that appended events, and only then. */
function countingNotifier() {
  const notifier = { calls: 0, eventsCommitted: () => void notifier.calls++ };
  return notifier;
}

/** A logger that keeps what it was given (the sweeper logs raised counts and failures). */
function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { lines, logger: { info: log('info'), error: log('error'), warn: log('warn'), debug: log('debug') } as unknown as Logger };
}

describe('the overdue sweep, with a pinned clock', () => {
  let d: DirectDatabase;
  let grid: FixtureGrid;

  const issue = (status: string, created: number, responseDue: number, resolveDue: number, flags: { responseOverdueRaised?: boolean } = {}) =>
    d.fixtures.issue({ grid, status, createdAt: at(created), responseDueAt: at(responseDue), resolveDueAt: at(resolveDue), ...flags });
  const raised = (ids: string[]) =>
    d.sql<{ issue_id: string; type: string; from_status: string; to_status: string; note: string; actor_name: string | null; at: Date }>(
      `select issue_id, type, from_status, to_status, note, actor_name, at from issue_event
        where type in ('OVERDUE', 'DUE_SOON') and issue_id = any(?::uuid[]) order by seq`,
      [`{${ids.join(',')}}`],
    );
  const event = (issueId: string, type: string, status: string, note: string, when = T) => ({
    issue_id: issueId,
    type,
    from_status: status,
    to_status: status,
    note,
    actor_name: null,
    at: when.toISOString(),
  });
  const plain = (rows: Awaited<ReturnType<typeof raised>>) => rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));

  beforeAll(async () => {
    d = await openDirectDatabase();
    grid = await d.fixtures.grid();
  });
  afterAll(() => d?.close());

  it('raises each missed deadline and each due-soon share once, at the instant it passes, and nothing else', async () => {
    const ids = {
      responseMissed: await issue('SUBMITTED', -HOUR, -1, 10 * HOUR),
      responseDueNow: await issue('SUBMITTED', -HOUR, 0, 10 * HOUR), // due at T: missed only after T
      responseAlreadyRaised: await issue('SUBMITTED', -HOUR, -HOUR, 10 * HOUR, { responseOverdueRaised: true }),
      acceptedLateResponse: await issue('ACCEPTED', -10 * HOUR, -5 * HOUR, 10 * HOUR), // answered: the response deadline no longer runs
      resolveMissed: await issue('IN_PROGRESS', -10 * HOUR, -5 * HOUR, -1),
      returnedResolveMissed: await issue('RETURNED', -10 * HOUR, -5 * HOUR, -1),
      bothMissed: await issue('SUBMITTED', -10 * HOUR, -2 * HOUR, -1),
      resolved: await issue('RESOLVED', -10 * HOUR, -5 * HOUR, -HOUR),
      closed: await issue('CLOSED', -10 * HOUR, -5 * HOUR, -HOUR),
      rejected: await issue('REJECTED', -10 * HOUR, -HOUR, -HOUR),
      // 80 % of 10 s from the report is exactly T: due soon (the share point counts).
      dueSoonNow: await issue('ASSIGNED', -8_000, 10 * HOUR, 2_000),
      // 80 % of 10.005 s is 4 ms after T: not yet.
      dueSoonLater: await issue('ASSIGNED', -8_000, 10 * HOUR, 2_005),
      // Due exactly at T: not yet missed (deadlines are strict), but due soon.
      resolveDueNow: await issue('ASSIGNED', -10 * HOUR, 10 * HOUR, 0),
      resolvedDueSoon: await issue('RESOLVED', -8_000, 10 * HOUR, 2_000),
    };
    const all = Object.values(ids);
    const versions = await d.sql('select id, status, version from issue where id = any(?::uuid[]) order by id', [`{${all.join(',')}}`]);
    const notifier = countingNotifier();

    assert.equal(await sweepOverdue(d.em(), notifier, T), 7);
    assert.equal(notifier.calls, 1, 'told once, after the commit');
    assert.deepEqual(
      plain(await raised(all)).sort((a, b) => all.indexOf(a.issue_id) - all.indexOf(b.issue_id) || a.note.localeCompare(b.note)),
      [
        event(ids.responseMissed, 'OVERDUE', 'SUBMITTED', RESPONSE_OVERDUE_NOTE),
        event(ids.resolveMissed, 'OVERDUE', 'IN_PROGRESS', RESOLVE_OVERDUE_NOTE),
        event(ids.returnedResolveMissed, 'OVERDUE', 'RETURNED', RESOLVE_OVERDUE_NOTE),
        ...[event(ids.bothMissed, 'OVERDUE', 'SUBMITTED', RESPONSE_OVERDUE_NOTE), event(ids.bothMissed, 'OVERDUE', 'SUBMITTED', RESOLVE_OVERDUE_NOTE)].sort((a, b) =>
          a.note.localeCompare(b.note),
        ),
        event(ids.dueSoonNow, 'DUE_SOON', 'ASSIGNED', DUE_SOON_NOTE),
        event(ids.resolveDueNow, 'DUE_SOON', 'ASSIGNED', DUE_SOON_NOTE),
      ],
    );
    // Each raised once: its flag is set; statuses and versions are untouched (no expectedVersion goes stale).
    assert.deepEqual(await d.sql('select id, status, version from issue where id = any(?::uuid[]) order by id', [`{${all.join(',')}}`]), versions);
    const flags = await d.sql<{ id: string; response_overdue_raised: boolean; resolve_overdue_raised: boolean; due_soon_raised: boolean }>(
      'select id, response_overdue_raised, resolve_overdue_raised, due_soon_raised from issue where id = any(?::uuid[])',
      [`{${[ids.bothMissed, ids.dueSoonNow, ids.resolveMissed].join(',')}}`],
    );
    const flagsOf = (id: string) => flags.find((f) => f.id === id);
    assert.deepEqual(flagsOf(ids.bothMissed), { id: ids.bothMissed, response_overdue_raised: true, resolve_overdue_raised: true, due_soon_raised: false });
    assert.deepEqual(flagsOf(ids.dueSoonNow), { id: ids.dueSoonNow, response_overdue_raised: false, resolve_overdue_raised: false, due_soon_raised: true });
    assert.deepEqual(flagsOf(ids.resolveMissed), { id: ids.resolveMissed, response_overdue_raised: false, resolve_overdue_raised: true, due_soon_raised: false });
    // The events are queued for delivery like any other.
    const [outboxed] = await d.sql<{ n: string }>(
      `select count(*) as n from outbox o join issue_event e on e.seq = o.event_seq where e.type in ('OVERDUE', 'DUE_SOON') and e.issue_id = any(?::uuid[])`,
      [`{${all.join(',')}}`],
    );
    assert.equal(Number(outboxed.n), 7);

    // Sweeping again at the same instant raises nothing, and tells nobody.
    assert.equal(await sweepOverdue(d.em(), notifier, T), 0);
    assert.equal(notifier.calls, 1);

    // A millisecond later: the deadlines due at T are missed now; the due-soon point 4 ms on is not reached.
    const later = at(1);
    assert.equal(await sweepOverdue(d.em(), notifier, later), 2);
    const newer = plain(await raised([ids.responseDueNow, ids.resolveDueNow])).filter((e) => e.at === later.toISOString());
    assert.deepEqual(newer.sort((a, b) => all.indexOf(a.issue_id) - all.indexOf(b.issue_id)), [
      event(ids.responseDueNow, 'OVERDUE', 'SUBMITTED', RESPONSE_OVERDUE_NOTE, later),
      event(ids.resolveDueNow, 'OVERDUE', 'ASSIGNED', RESOLVE_OVERDUE_NOTE, later),
    ]);
    assert.equal(await sweepOverdue(d.em(), notifier, at(3)), 0);
    assert.equal(await sweepOverdue(d.em(), notifier, at(4)), 1, 'the later share point is reached');
    assert.deepEqual(plain(await raised([ids.dueSoonLater])), [event(ids.dueSoonLater, 'DUE_SOON', 'ASSIGNED', DUE_SOON_NOTE, at(4))]);
    assert.deepEqual(await raised([ids.responseAlreadyRaised, ids.acceptedLateResponse, ids.resolved, ids.closed, ids.rejected, ids.resolvedDueSoon]), []);
  });

  it('writes the timeline notes people read', async () => {
    // The texts themselves (the constants could be emptied and still agree with themselves).
    const id = await issue('SUBMITTED', -10 * HOUR, -2 * HOUR, -1);
    const dueSoon = await issue('ASSIGNED', -8_000, 10 * HOUR, 2_000);
    await sweepOverdue(d.em(), countingNotifier(), T);
    assert.deepEqual((await raised([id, dueSoon])).map((e) => e.note).sort(), ['即将到达办结时限', '已超过办结时限', '已超过受理时限'].sort());
  });

  it('takes the due-soon share it is given', async () => {
    // Reported 5 h before T, due 5 h after: half-way at T.
    const id = await issue('IN_PROGRESS', -5 * HOUR, 10 * HOUR, 5 * HOUR);
    await sweepOverdue(d.em(), countingNotifier(), T);
    assert.deepEqual(await raised([id]), [], 'the default share (0.8) is not reached');
    // (Issues of the test before reach half-way too: only this one's events are looked at.)
    assert.ok((await sweepOverdue(d.em(), countingNotifier(), T, 0.5)) >= 1);
    assert.deepEqual(plain(await raised([id])), [event(id, 'DUE_SOON', 'IN_PROGRESS', DUE_SOON_NOTE)]);
  });

  it('raises more than a batch (500) in several transactions, telling the notifier after each', async () => {
    const template = await issue('SUBMITTED', -HOUR, -1, 10 * HOUR);
    // 500 more copies of the same overdue issue, written in one statement.
    await d.sql(
      `insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path, reporter_anonymous,
         version, created_at, updated_at, response_due_at, resolve_due_at, idempotency_scope, idempotency_key)
       select gen_random_uuid(), 'BATCH-' || n, title, description, category_code, status, channel, grid_id, region_path, reporter_anonymous,
         version, created_at, updated_at, response_due_at, resolve_due_at, 'batch', n::text
       from issue, generate_series(1, 500) n where id = ?`,
      [template],
    );
    const notifier = countingNotifier();
    assert.equal(await sweepOverdue(d.em(), notifier, T), 501);
    assert.equal(notifier.calls, 2, 'a full batch, then the rest');
    const [count] = await d.sql<{ n: string }>(`select count(*) as n from issue_event where type = 'OVERDUE' and note = ? and at = ?`, [RESPONSE_OVERDUE_NOTE, T]);
    assert.ok(Number(count.n) >= 501);
    const [left] = await d.sql<{ n: string }>(`select count(*) as n from issue where status = 'SUBMITTED' and response_due_at < ? and not response_overdue_raised`, [T]);
    assert.equal(Number(left.n), 0);
    assert.equal(await sweepOverdue(d.em(), notifier, T), 0);
  });

  itOn('postgres', 'PGlite is one session: no second sweeper can hold the lock')(
    'skips (raises nothing, tells nobody) while another sweep holds the lock, and raises afterwards',
    async () => {
      const id = await issue('SUBMITTED', -HOUR, -1, 10 * HOUR);
      const other = new Client({ connectionString: d.url });
      await other.connect();
      try {
        await other.query('begin');
        await other.query('select pg_advisory_xact_lock($1)', [OVERDUE_SWEEP_LOCK]);
        const notifier = countingNotifier();
        assert.equal(await sweepOverdue(d.em(), notifier, T), 0);
        assert.equal(notifier.calls, 0);
        assert.deepEqual(await raised([id]), []);
        await other.query('commit');
        assert.equal(await sweepOverdue(d.em(), notifier, T), 1);
        assert.equal(notifier.calls, 1);
      } finally {
        await other.end();
      }
    },
  );
});

describe('the overdue sweeper on its timer', () => {
  let d: DirectDatabase;
  let grid: FixtureGrid;
  const dueAt = (clock: TestClock, responseInMs: number) =>
    d.fixtures.issue({
      grid,
      createdAt: new Date(clock.now().getTime() - HOUR),
      responseDueAt: new Date(clock.now().getTime() + responseInMs),
      resolveDueAt: new Date(clock.now().getTime() + 100 * HOUR),
    });
  const overdueOf = (id: string) => d.sql<{ at: Date }>(`select at from issue_event where issue_id = ? and type = 'OVERDUE'`, [id]);

  beforeAll(async () => {
    d = await openDirectDatabase();
    grid = await d.fixtures.grid();
  });
  afterAll(() => d?.close());

  it('with interval 0 never sweeps', async () => {
    const clock = new TestClock(T);
    const id = await dueAt(clock, -HOUR);
    const notifier = countingNotifier();
    const sweeper = startOverdueSweeper(d.db.orm, notifier, recordingLogger().logger, 0, 0.8, clock);
    await sweeper.stop();
    assert.deepEqual(await overdueOf(id), []);
    assert.equal(notifier.calls, 0);
    await sweepOverdue(d.em(), notifier, T); // raised here, so the next test counts only its own
  });

  it('sweeps at once on start, by its clock, and logs what it raised', async () => {
    const clock = new TestClock(T);
    const id = await dueAt(clock, -1);
    const notifier = countingNotifier();
    const { lines, logger } = recordingLogger();
    const sweeper = startOverdueSweeper(d.db.orm, notifier, logger, 3600, 0.8, clock);
    await sweeper.stop(); // waits for the sweep in progress
    assert.deepEqual((await overdueOf(id)).map((r) => new Date(r.at).toISOString()), [T.toISOString()]);
    assert.equal(notifier.calls, 1);
    assert.deepEqual(lines, [{ level: 'info', fields: { count: 1 }, message: 'raised overdue events' }]);
  });

  it('passes its due-soon share to the sweep', async () => {
    const clock = new TestClock(T);
    const id = await d.fixtures.issue({ grid, status: 'ASSIGNED', createdAt: at(-HOUR), responseDueAt: at(HOUR), resolveDueAt: at(HOUR) });
    const sweeper = startOverdueSweeper(d.db.orm, countingNotifier(), recordingLogger().logger, 3600, 0.5, clock);
    await sweeper.stop();
    assert.deepEqual((await d.sql(`select type from issue_event where issue_id = ? and type = 'DUE_SOON'`, [id])).length, 1);
  });

  it('logs nothing when there is nothing to raise, and logs a failed sweep instead of throwing', async () => {
    const quiet = recordingLogger();
    await startOverdueSweeper(d.db.orm, countingNotifier(), quiet.logger, 3600, 0.8, new TestClock(T)).stop();
    assert.deepEqual(quiet.lines, []);

    // A clock that has lost the time: the database refuses the statement; the sweeper logs it and lives on.
    const failing = recordingLogger();
    const broken = { now: () => new Date(Number.NaN) };
    await startOverdueSweeper(d.db.orm, countingNotifier(), failing.logger, 3600, 0.8, broken).stop();
    assert.equal(failing.lines.length, 1);
    assert.equal(failing.lines[0].level, 'error');
    assert.equal(failing.lines[0].message, 'overdue sweep failed');
    assert.ok(failing.lines[0].fields.err instanceof Error);
  });

  it('waits the interval (in seconds) between beats', async () => {
    const clock = new TestClock(T);
    const sweeper = startOverdueSweeper(d.db.orm, countingNotifier(), recordingLogger().logger, 1, 0.8, clock);
    try {
      const id = await dueAt(clock, 1_000);
      clock.advance(2_000);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(await overdueOf(id), [], 'no beat within 300 ms of a 1 s interval');
      const deadline = Date.now() + 10_000;
      while ((await overdueOf(id)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal((await overdueOf(id)).length, 1, 'the beat after a second raised it');
    } finally {
      await sweeper.stop();
    }
  });

  it('sweeps again every interval, by the clock at that beat, and not after stop', async () => {
    const clock = new TestClock(T);
    const notifier = countingNotifier();
    const sweeper = startOverdueSweeper(d.db.orm, notifier, recordingLogger().logger, 0.2, 0.8, clock);
    const id = await dueAt(clock, 1_000);
    try {
      clock.advance(2_000); // the next beats sweep at T + 2 s: the deadline has passed
      const deadline = Date.now() + 10_000;
      while ((await overdueOf(id)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual((await overdueOf(id)).map((r) => new Date(r.at).toISOString()), [at(2_000).toISOString()]);
    } finally {
      await sweeper.stop();
    }
    const after = await dueAt(clock, -1);
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(await overdueOf(after), [], 'stopped: no more beats');
  });
});
