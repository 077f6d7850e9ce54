import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { DUE_SOON_NOTE, sweepOverdue } from '../../api/src/modules/issues/overdue-sweeper';
import { startTestServer, type TestServer } from '../support/harness';
import { dbOf, demoIds, issueInStatus } from '../support/issues';

const HOUR = 3_600_000;

/**
 * 催办, automatic: DUE_SOON once when DUE_SOON_SHARE (0.8) of the time from the
 * report to the resolve deadline has passed, OVERDUE once after it — exactly
 * once each, even when two replicas sweep at the same moment.
 */
describe('the DUE_SOON sweep', () => {
  let t: TestServer;
  let admin: string;
  let gh07: string;
  let cadres: { cadreId: string; higherCadreId: string };
  const notifier = { eventsCommitted() {} };

  const events = async (id: string, type: string) =>
    dbOf(t).execute<{ note: string; from_status: string; to_status: string }[]>(
      'select note, from_status, to_status from issue_event where issue_id = ? and type = ? order by seq',
      [id, type],
    );
  /** The issue was reported `hoursAgo` and is due `dueInHours` from now. */
  const place = (id: string, hoursAgo: number, dueInHours: number) =>
    dbOf(t).execute('update issue set created_at = ?, resolve_due_at = ?, response_due_at = ? where id = ?', [
      new Date(Date.now() - hoursAgo * HOUR),
      new Date(Date.now() + dueInHours * HOUR),
      new Date(Date.now() + dueInHours * HOUR),
      id,
    ]);

  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
    const ids = await demoIds(t);
    gh07 = ids.grids['JC-DH-GH-07'].id;
    cadres = { cadreId: ids.cadres['郑大勇'].id, higherCadreId: ids.cadres['陈明远'].id };
  });
  afterAll(() => t?.close());

  it('raises DUE_SOON once past the share, not before it, and OVERDUE once after the deadline', async () => {
    const early = await issueInStatus(t, admin, gh07, 'IN_PROGRESS', cadres);
    const late = await issueInStatus(t, admin, gh07, 'ASSIGNED', cadres);
    const resolved = await issueInStatus(t, admin, gh07, 'RESOLVED', cadres);
    await place(early.id, 7, 3); // 70% of 10 hours
    await place(late.id, 9, 1); // 90%
    await place(resolved.id, 9, 1); // resolved: nothing is due
    await sweepOverdue(dbOf(t), notifier);
    assert.equal((await events(early.id, 'DUE_SOON')).length, 0, 'before the share');
    assert.deepEqual(await events(late.id, 'DUE_SOON'), [{ note: DUE_SOON_NOTE, from_status: 'ASSIGNED', to_status: 'ASSIGNED' }]);
    assert.equal((await events(resolved.id, 'DUE_SOON')).length, 0);

    await sweepOverdue(dbOf(t), notifier);
    assert.equal((await events(late.id, 'DUE_SOON')).length, 1, 'once');
    // Time passes: 90% for the early one, and the late one misses its deadline.
    await place(early.id, 9, 1);
    await place(late.id, 11, -1);
    await sweepOverdue(dbOf(t), notifier);
    await sweepOverdue(dbOf(t), notifier);
    assert.equal((await events(early.id, 'DUE_SOON')).length, 1);
    assert.equal((await events(late.id, 'DUE_SOON')).length, 1);
    assert.equal((await events(late.id, 'OVERDUE')).length, 1);
    // The share is configurable: 0.5 catches an issue halfway through.
    const half = await issueInStatus(t, admin, gh07, 'ASSIGNED', cadres);
    await place(half.id, 6, 4);
    await sweepOverdue(dbOf(t), notifier);
    assert.equal((await events(half.id, 'DUE_SOON')).length, 0);
    await sweepOverdue(dbOf(t), notifier, new Date(), 0.5);
    assert.equal((await events(half.id, 'DUE_SOON')).length, 1);
  });

  it('raises each once when two replicas sweep at the same moment (forced to overlap)', async () => {
    for (let round = 0; round < 3; round++) {
      const issue = await issueInStatus(t, admin, gh07, 'IN_PROGRESS', cadres);
      const overdue = await issueInStatus(t, admin, gh07, 'ASSIGNED', cadres);
      await place(issue.id, 9, 1);
      await place(overdue.id, 11, -1);
      // Barrier: a transaction holds both issue rows (as a transition would) until both sweeps are under way.
      const holder = dbOf(t);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = holder.transactional(async (tx) => {
        await tx.execute('select id from issue where id in (?, ?) for update', [issue.id, overdue.id]);
        locked();
        await released;
      });
      await isLocked;
      const sweeps = Promise.all([sweepOverdue(dbOf(t), notifier), sweepOverdue(dbOf(t), notifier)]);
      await new Promise((resolve) => setTimeout(resolve, 150));
      release();
      await holding;
      await sweeps;
      await sweepOverdue(dbOf(t), notifier);
      assert.equal((await events(issue.id, 'DUE_SOON')).length, 1, `round ${round}: DUE_SOON once`);
      assert.equal((await events(overdue.id, 'OVERDUE')).length, 1, `round ${round}: OVERDUE once`);
    }
  });
});
