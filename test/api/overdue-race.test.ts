/**
 * "Overdue exactly once, however many replicas sweep", with the sweeps forced to overlap: a barrier
 * holds each sweep's transaction right after its advisory-lock attempt until the other has made
 * its own, so both are inside their transactions at once, every run. Built from a few fixture rows
 * (no demo city), at a pinned `now`.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RESOLVE_OVERDUE_NOTE, RESPONSE_OVERDUE_NOTE, sweepOverdue } from '../../api/src/modules/issues/overdue-sweeper';
import { Fixtures, type FixtureGrid } from '../support/fixtures';
import { itOn, startTestServer, type TestServer } from '../support/harness';
import { dbOf } from '../support/issues';

const NOW = new Date('2026-06-01T08:00:00.000Z');
const HOUR = 3600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

/** Resolves for everyone once `parties` have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === parties) release();
    return all;
  };
}

/**
 * An EntityManager whose transactions wait at `meet` right after the sweep's lock attempt
 * (whatever its answer): the transaction is open, and the other sweep's is too.
 */
function meetingAfterLock(em: EntityManager, meet: () => Promise<void>): EntityManager {
  const wrapTx = (tx: EntityManager) =>
    new Proxy(tx, {
      get(target, key, receiver) {
        if (key !== 'execute') return Reflect.get(target, key, receiver);
        return async (sql: string, params?: unknown[]) => {
          const rows = await target.execute(sql, params as never);
          if (/pg_try_advisory_xact_lock/.test(sql)) await meet();
          return rows;
        };
      },
    });
  return new Proxy(em, {
    get(target, key, receiver) {
      if (key === 'fork') return () => meetingAfterLock(target.fork() as EntityManager, meet);
      if (key === 'transactional') return (work: (tx: EntityManager) => Promise<unknown>) => target.transactional((tx) => work(wrapTx(tx as EntityManager)));
      return Reflect.get(target, key, receiver);
    },
  });
}

async function overdueNotes(t: TestServer, id: string): Promise<string[]> {
  const rows = await dbOf(t).execute<{ note: string }[]>("select note from issue_event where issue_id = ? and type = 'OVERDUE' order by seq", [id]);
  return rows.map((row) => row.note);
}

describe('the overdue sweep, two at once', () => {
  let t: TestServer;
  let fixtures: Fixtures;
  let grid: FixtureGrid;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false });
    fixtures = new Fixtures(t);
    grid = await fixtures.grid();
  });
  afterAll(() => t?.close());

  const missedBoth = () => fixtures.issue({ grid, createdAt: at(-48), responseDueAt: at(-36), resolveDueAt: at(-1) });
  const notify = { eventsCommitted() {} };

  itOn('postgres', 'the embedded database runs one transaction at a time, so two sweeps cannot be inside theirs together')(
    'two sweeps inside their transactions together raise each missed deadline exactly once',
    async () => {
      const ids = [await missedBoth(), await missedBoth(), await missedBoth()];
      const meet = barrier(2);
      const [a, b] = await Promise.all([
        sweepOverdue(meetingAfterLock(dbOf(t), meet), notify, NOW),
        sweepOverdue(meetingAfterLock(dbOf(t), meet), notify, NOW),
      ]);
      assert.equal(a + b, 6, `one sweep raised them all, the other none (${a} + ${b})`);
      for (const id of ids) assert.deepEqual(await overdueNotes(t, id), [RESPONSE_OVERDUE_NOTE, RESOLVE_OVERDUE_NOTE]);
    },
  );

  it('a sweep after a sweep raises nothing again, and a deadline not yet passed is not raised', async () => {
    const missed = await missedBoth();
    const later = await fixtures.issue({ grid, createdAt: at(-2), responseDueAt: at(1), resolveDueAt: at(24) });
    const first = await sweepOverdue(dbOf(t), notify, NOW);
    assert.ok(first >= 2, `the first sweep raised the missed deadlines (${first})`);
    assert.equal(await sweepOverdue(dbOf(t), notify, NOW), 0, 'nothing left for the second');
    assert.deepEqual(await overdueNotes(t, missed), [RESPONSE_OVERDUE_NOTE, RESOLVE_OVERDUE_NOTE]);
    assert.deepEqual(await overdueNotes(t, later), []);
    // An hour and a minute later, the response deadline has passed too; only it is raised.
    assert.equal(await sweepOverdue(dbOf(t), notify, at(1 + 1 / 60)), 1);
    assert.deepEqual(await overdueNotes(t, later), [RESPONSE_OVERDUE_NOTE]);
  });
});
