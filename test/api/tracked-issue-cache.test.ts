/**
 * trackIssue answers from memory while nothing changed (tracked-issue-cache.ts),
 * and never shows a change later than this replica knows of it: a transition,
 * a renamed category or grid is in the very next answer; a change this replica
 * hears nothing about (another replica without Redis) within the bound.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, ranOnATimer, startTestServer, type TestServer } from '../support/harness';
import { TRACKED_FIELDS, act, dbOf, demoIds, reportInput, reportIssue, type DemoIds } from '../support/issues';

const TRACK = `query($c: String!) { trackIssue(trackingCode: $c) { ${TRACKED_FIELDS} } }`;

describe('trackIssue from memory', () => {
  let t: TestServer;
  let ids: DemoIds;
  let admin: string;
  let counting = false;
  let statements: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({
      onQuery: (sql) => {
        if (counting && !ranOnATimer(sql)) statements.push(sql);
      },
    });
    ids = await demoIds(t);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const track = async (code: string) => dataOf(await t.gql<any>(TRACK, { c: code })).trackIssue;
  const statementsFor = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    statements = [];
    counting = true;
    try {
      return [await run(), statements.length];
    } finally {
      counting = false;
    }
  };
  const newIssue = () => reportIssue(t, { token: admin }, reportInput(ids.grids['JC-DH-GH-07'].id));

  it('reads the database once for a code asked again and again', async () => {
    const issue = await newIssue();
    const [first, firstCost] = await statementsFor(() => track(issue.trackingCode));
    assert.equal(first.status, 'SUBMITTED');
    assert.equal(firstCost, 1);
    const [again, cost] = await statementsFor(async () => Promise.all([1, 2, 3, 4, 5].map(() => track(issue.trackingCode.toLowerCase()))));
    assert.equal(cost, 0, `five more answers cost ${cost} statements`);
    for (const answer of again) assert.deepEqual(answer, first);
  });

  it('shows a transition, a renamed category and a renamed grid in the very next answer', async () => {
    const issue = await newIssue();
    assert.equal((await track(issue.trackingCode)).status, 'SUBMITTED');
    dataOf(await act(t, admin, 'accept', issue.id, { cadreId: '', higherCadreId: '' }));
    const accepted = await track(issue.trackingCode);
    assert.equal(accepted.status, 'ACCEPTED');
    assert.deepEqual(accepted.timeline.map((e: any) => e.toStatus), ['SUBMITTED', 'ACCEPTED']);

    const category = accepted.category.code;
    const rename = 'mutation($c: ID!, $n: String!) { updateCategory(code: $c, input: { name: $n }) { name } }';
    const original = accepted.category.name;
    dataOf(await t.gql(rename, { c: category, n: '临时改名' }, { token: admin }));
    try {
      assert.equal((await track(issue.trackingCode)).category.name, '临时改名');
    } finally {
      dataOf(await t.gql(rename, { c: category, n: original }, { token: admin }));
    }
    assert.equal((await track(issue.trackingCode)).category.name, original);
  });

  it('shows a change this replica hears nothing about within a second', async () => {
    const issue = await newIssue();
    const before = await track(issue.trackingCode);
    // As another replica without Redis would write it: straight into the database, nobody told.
    await dbOf(t).execute(`update grid set name = name || '（改）' where id = ?`, [ids.grids['JC-DH-GH-07'].id]);
    try {
      assert.equal((await track(issue.trackingCode)).gridName, before.gridName, 'still the kept answer');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      assert.equal((await track(issue.trackingCode)).gridName, `${before.gridName}（改）`);
    } finally {
      await dbOf(t).execute('update grid set name = ? where id = ?', [before.gridName, ids.grids['JC-DH-GH-07'].id]);
    }
  });
});
