/**
 * A refused mutation writes nothing (the permission matrix checks codes; this checks the rows), and
 * an issue out of the caller's scope is refused exactly as an id that does not exist, so a refusal
 * tells nobody that the issue is there.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/harness';
import { ACTIONS, act, dbOf, demoIds, issueInStatus } from '../support/issues';

describe('refusals', () => {
  let t: TestServer;
  let admin: string;
  let stranger: string;
  let gridId: string;
  let cadres: { cadreId: string; higherCadreId: string };

  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
    stranger = await t.login('worker.gao'); // a grid worker of another grid than JC-DH-GH-07
    const ids = await demoIds(t);
    gridId = ids.grids['JC-DH-GH-07'].id;
    const byLevel = (level: string) => Object.values(ids.cadres).find((c) => c.level === level)!.id;
    cadres = { cadreId: byLevel('VILLAGE'), higherCadreId: byLevel('TOWNSHIP') };
  });
  afterAll(() => t?.close());

  /** What a refusal may reveal: everything but the id the caller sent itself. */
  const shapeOf = (res: { status: number; data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }, id: string) => ({
    status: res.status,
    data: res.data ?? null,
    errors: JSON.parse(JSON.stringify(res.errors ?? []).split(id).join('<id>')),
  });

  async function rowOf(id: string) {
    const [issue] = await dbOf(t).execute('select status, version, assignee_id, updated_at, resolution from issue where id = ?', [id]);
    const [events] = await dbOf(t).execute<{ n: string }[]>('select count(*) as n from issue_event where issue_id = ?', [id]);
    return { ...issue, events: Number(events.n) };
  }

  it('out of scope answers exactly as a missing id, for every action, and changes nothing', async () => {
    const issue = await issueInStatus(t, admin, gridId, 'SUBMITTED', cadres);
    const before = await rowOf(issue.id);
    const missing = randomUUID();
    for (const action of Object.keys(ACTIONS)) {
      const outOfScope = await act(t, stranger, action, issue.id, cadres);
      const absent = await act(t, stranger, action, missing, cadres);
      assert.equal(outOfScope.errors?.[0]?.extensions?.code, 'NOT_FOUND', `${action}: out of scope is NOT_FOUND`);
      assert.deepEqual(shapeOf(outOfScope, issue.id), shapeOf(absent, missing), `${action}: the same answer as a missing id`);
    }
    const query = 'query($id: ID!) { issue(id: $id) { id status } }';
    assert.deepEqual(
      shapeOf(await t.gql(query, { id: issue.id }, { token: stranger }), issue.id),
      shapeOf(await t.gql(query, { id: missing }, { token: stranger }), missing),
      'reading: the same answer too',
    );
    assert.deepEqual(await rowOf(issue.id), before, 'no row changed, no event appended');
  });

  it('an illegal move or a stale expectedVersion changes nothing', async () => {
    const issue = await issueInStatus(t, admin, gridId, 'ACCEPTED', cadres);
    const before = await rowOf(issue.id);
    for (const action of ['accept', 'reject', 'start', 'resolve', 'followUpSatisfied', 'close', 'reopen']) {
      const res = await act(t, admin, action, issue.id, cadres);
      assert.ok(res.errors?.length, `${action} from ACCEPTED is refused`);
    }
    const stale = await act(t, admin, 'assign', issue.id, cadres, issue.version - 1);
    assert.ok(stale.errors?.length, 'a stale expectedVersion is refused');
    assert.deepEqual(await rowOf(issue.id), before, 'no row changed, no event appended');
  });
});
