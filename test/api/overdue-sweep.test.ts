import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { RESOLVE_OVERDUE_NOTE, RESPONSE_OVERDUE_NOTE, sweepOverdue } from '../../api/src/modules/issues/overdue-sweeper';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { dbOf, demoIds, issueInStatus } from '../support/issues';

const HOUR = 3_600_000;

const forkOf = dbOf;

/** Moves an issue's deadlines (hours from now; negative = already missed). */
async function setDeadlines(t: TestServer, id: string, responseInHours: number, resolveInHours: number): Promise<void> {
  const now = Date.now();
  await forkOf(t).execute('update issue set response_due_at = ?, resolve_due_at = ? where id = ?', [
    new Date(now + responseInHours * HOUR),
    new Date(now + resolveInHours * HOUR),
    id,
  ]);
}

async function overdueEvents(t: TestServer, id: string) {
  return forkOf(t).execute<{ from_status: string; to_status: string; note: string }[]>(
    "select from_status, to_status, note from issue_event where issue_id = ? and type = 'OVERDUE' order by seq",
    [id],
  );
}

describe('the overdue sweep', () => {
  let t: TestServer;
  let admin: string;
  let gh07: string;
  let cadres: { cadreId: string; higherCadreId: string };
  const issues: Record<string, { id: string; version: number }> = {};

  beforeAll(async () => {
    t = await startTestServer(); // OVERDUE_SWEEP_SECONDS=0: the tests sweep by hand
    admin = await t.login('admin');
    const ids = await demoIds(t);
    gh07 = ids.grids['JC-DH-GH-07'].id;
    cadres = { cadreId: ids.cadres['郑大勇'].id, higherCadreId: ids.cadres['陈明远'].id };
    // Both deadlines missed while SUBMITTED; only the response one; resolve missed while in progress; resolved in time to not count.
    issues.bothMissed = await issueInStatus(t, admin, gh07, 'SUBMITTED', cadres);
    issues.responseMissed = await issueInStatus(t, admin, gh07, 'SUBMITTED', cadres);
    issues.resolveMissed = await issueInStatus(t, admin, gh07, 'IN_PROGRESS', cadres);
    issues.resolved = await issueInStatus(t, admin, gh07, 'RESOLVED', cadres);
    issues.onTime = await issueInStatus(t, admin, gh07, 'ACCEPTED', cadres);
    await setDeadlines(t, issues.bothMissed.id, -2, -1);
    await setDeadlines(t, issues.responseMissed.id, -1, 24);
    await setDeadlines(t, issues.resolveMissed.id, -30, -1);
    await setDeadlines(t, issues.resolved.id, -30, -1);
    await setDeadlines(t, issues.onTime.id, -1, 5);
  });
  afterAll(() => t?.close());

  it('shows overdue on issues that missed a deadline they still owe', async () => {
    const overdue = async (id: string) => dataOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { overdue } }', { id }, { token: admin })).issue.overdue;
    assert.equal(await overdue(issues.bothMissed.id), true);
    assert.equal(await overdue(issues.responseMissed.id), true);
    assert.equal(await overdue(issues.resolveMissed.id), true);
    assert.equal(await overdue(issues.resolved.id), false, 'resolved: the resolve deadline no longer runs');
    assert.equal(await overdue(issues.onTime.id), false, 'accepted: the response deadline was met');
  });

  it('raises one OVERDUE event per missed deadline, exactly once with two sweepers running at the same time', async () => {
    let notified = 0;
    const notifier = { eventsCommitted: () => void notified++ };
    const [a, b] = await Promise.all([sweepOverdue(forkOf(t), notifier), sweepOverdue(forkOf(t), notifier)]);
    assert.ok(a + b >= 4, `the sweepers raised ${a} + ${b}`);
    assert.ok(notified >= 1, 'the event notifier was told after the commit');

    assert.deepEqual(await overdueEvents(t, issues.bothMissed.id), [
      { from_status: 'SUBMITTED', to_status: 'SUBMITTED', note: RESPONSE_OVERDUE_NOTE },
      { from_status: 'SUBMITTED', to_status: 'SUBMITTED', note: RESOLVE_OVERDUE_NOTE },
    ]);
    assert.deepEqual(await overdueEvents(t, issues.responseMissed.id), [
      { from_status: 'SUBMITTED', to_status: 'SUBMITTED', note: RESPONSE_OVERDUE_NOTE },
    ]);
    assert.deepEqual(await overdueEvents(t, issues.resolveMissed.id), [
      { from_status: 'IN_PROGRESS', to_status: 'IN_PROGRESS', note: RESOLVE_OVERDUE_NOTE },
    ]);
    assert.deepEqual(await overdueEvents(t, issues.resolved.id), []);
    assert.deepEqual(await overdueEvents(t, issues.onTime.id), []);

    // Sweeping again, twice at once again, raises nothing more for these issues.
    await Promise.all([sweepOverdue(forkOf(t), notifier), sweepOverdue(forkOf(t), notifier)]);
    assert.equal((await overdueEvents(t, issues.bothMissed.id)).length, 2);
    assert.equal((await overdueEvents(t, issues.resolveMissed.id)).length, 1);
  });

  it('changes neither status nor version, so no expectedVersion goes stale', async () => {
    // Swept here too, so this test stands alone (a sweep after the earlier test's raises nothing more).
    await sweepOverdue(forkOf(t), { eventsCommitted() {} });
    const data = dataOf(
      await t.gql<any>('query($id: ID!) { issue(id: $id) { status version timeline { type } } }', { id: issues.resolveMissed.id }, { token: admin }),
    );
    assert.equal(data.issue.status, 'IN_PROGRESS');
    assert.equal(data.issue.version, issues.resolveMissed.version);
    assert.equal(data.issue.timeline.at(-1).type, 'OVERDUE');
    const resolved = await t.gql<any>(
      'mutation($id: ID!, $v: Int) { resolveIssue(id: $id, resolution: "迟到的处理", expectedVersion: $v) { status } }',
      { id: issues.resolveMissed.id, v: issues.resolveMissed.version },
      { token: admin },
    );
    assert.equal(dataOf(resolved).resolveIssue.status, 'RESOLVED');
  });

  it('does not raise a missed deadline twice after the issue is reopened', async () => {
    // An issue of its own: raised, resolved late, reopened, swept again.
    const issue = await issueInStatus(t, admin, gh07, 'IN_PROGRESS', cadres);
    await setDeadlines(t, issue.id, -30, -1);
    await sweepOverdue(forkOf(t), { eventsCommitted() {} });
    assert.equal((await overdueEvents(t, issue.id)).length, 1);
    dataOf(await t.gql<any>('mutation($id: ID!) { resolveIssue(id: $id, resolution: "late") { status } }', { id: issue.id }, { token: admin }));
    const reopened = await t.gql<any>('mutation($id: ID!) { reopenIssue(id: $id, reason: "仍未解决") { status overdue } }', { id: issue.id }, { token: admin });
    assert.deepEqual(dataOf(reopened).reopenIssue, { status: 'ASSIGNED', overdue: true });
    await sweepOverdue(forkOf(t), { eventsCommitted() {} });
    assert.equal((await overdueEvents(t, issue.id)).length, 1);
  });
});

describe('the overdue sweep on a timer', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ env: { OVERDUE_SWEEP_SECONDS: '1' } });
  });
  afterAll(() => t?.close());

  it('sweeps by itself every OVERDUE_SWEEP_SECONDS and tells the event notifier', async () => {
    const admin = await t.login('admin');
    const ids = await demoIds(t);
    const issue = await issueInStatus(t, admin, ids.grids['JC-DH-GH-07'].id, 'SUBMITTED', {
      cadreId: ids.cadres['郑大勇'].id,
      higherCadreId: ids.cadres['陈明远'].id,
    });
    const services = t.server.services;
    const original = services.events;
    const raised = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sweep within 10 s')), 10_000);
      services.events = {
        eventsCommitted() {
          original.eventsCommitted();
          void overdueEvents(t, issue.id).then((events) => {
            if (events.length > 0) {
              clearTimeout(timer);
              resolve();
            }
          });
        },
      };
    });
    await setDeadlines(t, issue.id, -1, 10);
    await raised;
    services.events = original;
    assert.deepEqual(await overdueEvents(t, issue.id), [{ from_status: 'SUBMITTED', to_status: 'SUBMITTED', note: RESPONSE_OVERDUE_NOTE }]);
  });
});
