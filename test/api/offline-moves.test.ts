/**
 * The staff console's offline moves (issue 17): a return visit or a visit kept on
 * a phone with no signal and sent again (maybe twice, maybe at once) is recorded
 * exactly once when it carries the same idempotency key.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { demoIds, issueInStatus, type DemoIds } from '../support/issues';

const FOLLOW_UP = `mutation($id: ID!, $key: String, $v: Int) {
  recordFollowUp(id: $id, input: { method: VISIT, satisfaction: SATISFIED, idempotencyKey: $key }, expectedVersion: $v) { status version }
}`;
const VISIT = 'mutation($input: VisitInput!) { recordVisit(input: $input) { id kind households } }';

describe('offline moves (idempotency keys on recordFollowUp and recordVisit)', () => {
  let t: TestServer;
  let ids: DemoIds;
  let admin: string;
  let worker: string;
  let cadre: string;
  let gh07: string;

  beforeAll(async () => {
    t = await startTestServer();
    ids = await demoIds(t);
    gh07 = ids.grids['JC-DH-GH-07'].id;
    admin = await t.login('admin');
    worker = await t.login('worker.lin');
    cadre = await t.login('cadre.zheng');
  });
  afterAll(() => t?.close());

  const followUpEvents = async (id: string) => {
    const res = await t.gql<any>('query($id: ID!) { issue(id: $id) { timeline { type } } }', { id }, { token: admin });
    return dataOf(res).issue.timeline.filter((e: { type: string }) => e.type === 'FOLLOWED_UP').length;
  };

  it('records a return visit sent twice with one key once, and answers both with the same issue', async () => {
    const issue = await issueInStatus(t, admin, gh07, 'RESOLVED', { cadreId: ids.cadres['郑大勇'].id, higherCadreId: ids.cadres['陈明远'].id });
    const first = dataOf(await t.gql<any>(FOLLOW_UP, { id: issue.id, key: 'phone-1-visit-a', v: issue.version }, { token: worker })).recordFollowUp;
    assert.deepEqual(first, { status: 'FOLLOWED_UP', version: issue.version + 1 });
    const again = dataOf(await t.gql<any>(FOLLOW_UP, { id: issue.id, key: 'phone-1-visit-a', v: issue.version }, { token: worker })).recordFollowUp;
    assert.deepEqual(again, first, 'the resend answers with the issue, not a CONFLICT');
    assert.equal(await followUpEvents(issue.id), 1);
    // A different key is a different return visit: FOLLOWED_UP cannot be followed up again.
    assert.equal(errorCode(await t.gql(FOLLOW_UP, { id: issue.id, key: 'phone-1-visit-b' }, { token: worker })), 'CONFLICT');
    // Another person's identical key does not answer for the worker's visit.
    assert.equal(errorCode(await t.gql(FOLLOW_UP, { id: issue.id, key: 'phone-1-visit-a' }, { token: admin })), 'CONFLICT');
  });

  it('records one return visit when the same key arrives twice at once', async () => {
    const issue = await issueInStatus(t, admin, gh07, 'RESOLVED', { cadreId: ids.cadres['郑大勇'].id, higherCadreId: ids.cadres['陈明远'].id });
    const [a, b] = await Promise.all([
      t.gql<any>(FOLLOW_UP, { id: issue.id, key: 'race-key', v: issue.version }, { token: worker }),
      t.gql<any>(FOLLOW_UP, { id: issue.id, key: 'race-key', v: issue.version }, { token: worker }),
    ]);
    assert.equal(dataOf(a).recordFollowUp.status, 'FOLLOWED_UP');
    assert.equal(dataOf(b).recordFollowUp.status, 'FOLLOWED_UP');
    assert.equal(await followUpEvents(issue.id), 1);
  });

  it('records a visit sent twice (and at once) with one key once; keys are per person', async () => {
    const input = { gridId: gh07, kind: 'HOUSEHOLD_VISIT', households: 4, notes: '离线记录', idempotencyKey: 'visit-key-1' };
    const first = dataOf(await t.gql<any>(VISIT, { input }, { token: worker })).recordVisit;
    const [again, atOnce] = await Promise.all([t.gql<any>(VISIT, { input }, { token: worker }), t.gql<any>(VISIT, { input }, { token: worker })]);
    assert.equal(dataOf(again).recordVisit.id, first.id);
    assert.equal(dataOf(atOnce).recordVisit.id, first.id);
    const byCadre = dataOf(await t.gql<any>(VISIT, { input }, { token: cadre })).recordVisit;
    assert.notEqual(byCadre.id, first.id, "the cadre's visit with the same key is the cadre's own");
    const visits = dataOf(await t.gql<any>('query($g: ID!) { grid(id: $g) { visits(first: 100) { notes } } }', { g: gh07 }, { token: admin })).grid.visits;
    assert.equal(visits.filter((v: { notes: string }) => v.notes === '离线记录').length, 2);
    // Without a key every send is a visit of its own, as before.
    const { idempotencyKey: _none, ...noKey } = input;
    const x = dataOf(await t.gql<any>(VISIT, { input: noKey }, { token: worker })).recordVisit;
    const y = dataOf(await t.gql<any>(VISIT, { input: noKey }, { token: worker })).recordVisit;
    assert.notEqual(x.id, y.id);
  });
});
