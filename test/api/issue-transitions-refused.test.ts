import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { ACTIONS, PATH_TO, act, demoIds, issueInStatus, type DemoIds, dbOf } from '../support/issues';

/** What the design allows from each status (the unit test checks the table; this checks the API honours it). */
const LEGAL: Record<string, string[]> = {
  SUBMITTED: ['accept', 'reject', 'assign'],
  ACCEPTED: ['assign'],
  ASSIGNED: ['start', 'escalate', 'resolve'],
  IN_PROGRESS: ['escalate', 'resolve'],
  RESOLVED: ['followUpSatisfied', 'followUpUnsatisfied', 'reopen'],
  FOLLOWED_UP: ['close', 'reopen'],
  CLOSED: ['reopen'],
  REJECTED: [],
};

const eventCount = async (t: TestServer, issueId: string, type?: string): Promise<number> => {
  const rows = await dbOf(t).execute<{ n: string }[]>(`select count(*) as n from issue_event where issue_id = ?${type ? ' and type = ?' : ''}`, type ? [issueId, type] : [issueId]);
  return Number(rows[0].n);
};

describe('transitions that must be refused', () => {
  let t: TestServer;
  let ids: DemoIds;
  let admin: string;
  let gh07: string;
  let cadreIds: { cadreId: string; higherCadreId: string };

  beforeAll(async () => {
    t = await startTestServer();
    ids = await demoIds(t);
    admin = await t.login('admin');
    gh07 = ids.grids['JC-DH-GH-07'].id;
    // A village cadre, and a city cadre above it to escalate to.
    cadreIds = { cadreId: ids.cadres['郑大勇'].id, higherCadreId: ids.cadres['陈明远'].id };
  });
  afterAll(() => t?.close());

  it('refuses every illegal move from every status with CONFLICT and the current status, changing nothing, yet allows a legal one', async () => {
    let refused = 0;
    for (const status of Object.keys(PATH_TO)) {
      const issue = await issueInStatus(t, admin, gh07, status, cadreIds);
      const events = await eventCount(t, issue.id);
      for (const action of Object.keys(ACTIONS)) {
        if (LEGAL[status].includes(action)) continue;
        const res = await act(t, admin, action, issue.id, cadreIds);
        assert.equal(errorCode(res), 'CONFLICT', `${action} from ${status}`);
        assert.equal(res.errors![0].extensions!.currentStatus, status, `${action} from ${status} names the status`);
        assert.equal(res.errors![0].extensions!.currentVersion, issue.version);
        refused++;
      }
      const after = dataOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { status version } }', { id: issue.id }, { token: admin }));
      assert.deepEqual(after.issue, { status, version: issue.version }, `${status} is untouched`);
      assert.equal(await eventCount(t, issue.id), events, `no event was appended to the ${status} issue`);
      // The refusals are not blanket ones: a legal move from the same state goes through.
      if (LEGAL[status].length > 0) {
        const legal = await act(t, admin, LEGAL[status][0], issue.id, cadreIds, issue.version);
        assert.equal(dataOf(legal).r.version, issue.version + 1, `${LEGAL[status][0]} from ${status}`);
      }
    }
    // 8 statuses × 10 actions, minus the 15 legal moves.
    assert.equal(refused, 8 * 10 - 15);
  });

  it('refuses a stale expectedVersion with CONFLICT, and accepts the current one', async () => {
    const issue = await issueInStatus(t, admin, gh07, 'ASSIGNED', cadreIds);
    for (const stale of [issue.version - 1, issue.version + 1, 0]) {
      const res = await act(t, admin, 'start', issue.id, cadreIds, stale);
      assert.equal(errorCode(res), 'CONFLICT');
      assert.equal(res.errors![0].extensions!.currentVersion, issue.version);
      assert.equal(res.errors![0].extensions!.currentStatus, 'ASSIGNED');
      assert.match(res.errors![0].message, /changed since you read it/);
    }
    assert.equal(dataOf(await act(t, admin, 'start', issue.id, cadreIds, issue.version)).r.status, 'IN_PROGRESS');
    // The version the client held before the move is stale now.
    assert.equal(errorCode(await act(t, admin, 'resolve', issue.id, cadreIds, issue.version)), 'CONFLICT');
  });

  it('lets exactly one of two simultaneous resolves win', async () => {
    const zheng = await t.login('cadre.zheng');
    for (let round = 0; round < 5; round++) {
      const issue = await issueInStatus(t, admin, gh07, 'IN_PROGRESS', cadreIds);
      // The assignee and an admin, at the same moment; in odd rounds both also send the same expectedVersion.
      const v = round % 2 ? issue.version : undefined;
      const results = await Promise.all([act(t, zheng, 'resolve', issue.id, cadreIds, v), act(t, admin, 'resolve', issue.id, cadreIds, v)]);
      const wins = results.filter((r) => !r.errors);
      const losses = results.filter((r) => r.errors);
      assert.equal(wins.length, 1, `round ${round}: exactly one wins`);
      assert.equal(errorCode(losses[0]), 'CONFLICT');
      assert.equal(losses[0].errors![0].extensions!.currentStatus, 'RESOLVED');
      assert.equal(wins[0].data!.r.version, issue.version + 1);
      assert.equal(await eventCount(t, issue.id, 'RESOLVED'), 1, `round ${round}: one RESOLVED event`);
    }
  });

  it('refuses the wrong person with FORBIDDEN, and out-of-scope staff with NOT_FOUND', async () => {
    const [lin, zheng, chen, gao, sun] = await Promise.all(['worker.lin', 'cadre.zheng', 'cadre.chen', 'worker.gao', 'cadre.sun'].map((u) => t.login(u)));
    const submitted = await issueInStatus(t, admin, gh07, 'SUBMITTED', cadreIds);
    // Starting and resolving belong to an assignee: there is none yet, so nobody but an admin may.
    assert.equal(errorCode(await act(t, lin, 'resolve', submitted.id, cadreIds)), 'CONFLICT', 'an illegal move is CONFLICT whoever asks');
    // A worker of another grid, a county cadre of the other county: the issue does not exist for them.
    assert.equal(errorCode(await act(t, gao, 'accept', submitted.id, cadreIds)), 'NOT_FOUND');
    assert.equal(errorCode(await act(t, sun, 'accept', submitted.id, cadreIds)), 'NOT_FOUND');
    // No token at all.
    const anonymous = await t.gql('mutation($id: ID!) { acceptIssue(id: $id) { status } }', { id: submitted.id });
    assert.equal(errorCode(anonymous), 'UNAUTHENTICATED');

    const assigned = await issueInStatus(t, admin, gh07, 'ASSIGNED', cadreIds); // assigned to 郑大勇
    assert.equal(errorCode(await act(t, lin, 'start', assigned.id, cadreIds)), 'FORBIDDEN', 'a worker does not start');
    assert.equal(errorCode(await act(t, chen, 'start', assigned.id, cadreIds)), 'FORBIDDEN', 'another cadre of the grid does not start');
    assert.equal(errorCode(await act(t, chen, 'resolve', assigned.id, cadreIds)), 'FORBIDDEN', 'only the assignee resolves');
    const forbidden = await act(t, lin, 'resolve', assigned.id, cadreIds);
    assert.match(forbidden.errors![0].message, /assigned cadre/);
    assert.equal(dataOf(await act(t, zheng, 'start', assigned.id, cadreIds)).r.status, 'IN_PROGRESS');
    assert.equal(dataOf(await act(t, zheng, 'resolve', assigned.id, cadreIds)).r.status, 'RESOLVED');
    // The return visit is the grid workers' job.
    assert.equal(errorCode(await act(t, zheng, 'followUpSatisfied', assigned.id, cadreIds)), 'FORBIDDEN');
    assert.equal(dataOf(await act(t, lin, 'followUpSatisfied', assigned.id, cadreIds)).r.status, 'FOLLOWED_UP');
    // Closing: a cadre assigned to the grid may (chen is, though not the assignee); a worker of another grid cannot even see it.
    assert.equal(errorCode(await act(t, gao, 'close', assigned.id, cadreIds)), 'NOT_FOUND');
    assert.equal(dataOf(await act(t, chen, 'close', assigned.id, cadreIds)).r.status, 'CLOSED');
    assert.equal(dataOf(await act(t, lin, 'reopen', assigned.id, cadreIds)).r.status, 'ASSIGNED');
  });

  it('escalates only upwards, assigns only to cadres that exist, and checks arguments', async () => {
    const issue = await issueInStatus(t, admin, gh07, 'IN_PROGRESS', cadreIds); // a VILLAGE cadre holds it
    const escalate = (cadreId: string) =>
      t.gql<any>('mutation($id: ID!, $c: ID!) { escalateIssue(id: $id, cadreId: $c, note: "提级") { status assignee { name } } }', { id: issue.id, c: cadreId }, { token: admin });
    const sameLevel = await t.gql<any>('{ cadres(level: VILLAGE) { id name } }');
    const otherVillageCadre = dataOf(sameLevel).cadres.find((c: any) => c.id !== cadreIds.cadreId).id;
    assert.equal(errorCode(await escalate(otherVillageCadre)), 'BAD_USER_INPUT', 'same level is not an escalation');
    assert.equal(errorCode(await escalate('00000000-0000-4000-8000-000000000000')), 'NOT_FOUND');
    assert.equal(errorCode(await escalate('not-an-id')), 'NOT_FOUND');
    const township = dataOf(await escalate(ids.cadres['周文斌'].id)).escalateIssue;
    assert.deepEqual(township, { status: 'ASSIGNED', assignee: { name: '周文斌' } });
    assert.equal(errorCode(await escalate(ids.cadres['吴晓燕'].id)), 'BAD_USER_INPUT', 'TOWNSHIP to TOWNSHIP is refused');
    assert.equal(errorCode(await escalate(cadreIds.cadreId)), 'BAD_USER_INPUT', 'downwards is refused');
    const noNote = await t.gql('mutation($id: ID!, $c: ID!) { escalateIssue(id: $id, cadreId: $c, note: "  ") { status } }', { id: issue.id, c: cadreIds.higherCadreId }, { token: admin });
    assert.equal(errorCode(noNote), 'BAD_USER_INPUT');

    const submitted = await issueInStatus(t, admin, gh07, 'SUBMITTED', cadreIds);
    const assignUnknown = await t.gql('mutation($id: ID!) { assignIssue(id: $id, cadreId: "00000000-0000-4000-8000-000000000000") { status } }', { id: submitted.id }, { token: admin });
    assert.equal(errorCode(assignUnknown), 'NOT_FOUND');
    assert.equal(errorCode(await t.gql('mutation { acceptIssue(id: "00000000-0000-4000-8000-000000000000") { status } }', {}, { token: admin })), 'NOT_FOUND');
    assert.equal(errorCode(await t.gql('mutation($id: ID!) { rejectIssue(id: $id, reason: "") { status } }', { id: submitted.id }, { token: admin })), 'BAD_USER_INPUT');
    const longNote = await t.gql('mutation($id: ID!, $n: String) { acceptIssue(id: $id, note: $n) { status } }', { id: submitted.id, n: '字'.repeat(2001) }, { token: admin });
    assert.equal(errorCode(longNote), 'BAD_USER_INPUT');
    const emptyComment = await t.gql('mutation($id: ID!) { commentIssue(id: $id) { status } }', { id: submitted.id }, { token: admin });
    assert.equal(errorCode(emptyComment), 'BAD_USER_INPUT');
    assert.equal(await eventCount(t, submitted.id), 1, 'nothing was appended by the refused calls');
  });
});
