import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, ranOnATimer, startTestServer, type TestServer } from '../support/harness';
import { insertIssues } from '../support/fixtures';

const PAGE_QUERY = `query($first: Int) {
  issues(first: $first) {
    totalCount
    edges { node {
      id title status overdue
      category { code name }
      grid { code region { name parent { name } } }
      assignee { name level }
      timeline { type toStatus at cursor }
    } }
  }
}`;

describe('issue list: a fixed number of SQL statements whatever the page size', () => {
  let t: TestServer;
  let statements: string[] = [];
  let counting = false;
  beforeAll(async () => {
    t = await startTestServer({
      onQuery: (sql) => {
        if (counting && !ranOnATimer(sql)) statements.push(sql);
      },
    });
    // Newer than the demo city's own issues, so that every page consists of these.
    await insertIssues(t, { count: 110, gridCode: 'JC-DH-GH-07', assigneeName: '郑大勇', eventsPerIssue: 3, start: new Date(Date.now() + 60_000) });
  });
  afterAll(() => t?.close());

  async function countFor(first: number, token: string): Promise<number> {
    statements = [];
    counting = true;
    const data = dataOf(await t.gql(PAGE_QUERY, { first }, { token }));
    counting = false;
    assert.equal(data.issues.edges.length, first);
    assert.ok(data.issues.edges.every((e: any) => e.node.timeline.length >= 3 && e.node.assignee && e.node.grid.region));
    if (process.env.LM_PRINT_SQL) console.log(first, statements.map((s) => s.slice(0, 160)).join("\n"));
    return statements.length;
  }

  it('costs the same for 5, 50 and 100 issues with category, grid, region, assignee and timeline', async () => {
    const token = await t.login('admin');
    // The token's user is read on its own once; from then on the page's statement checks it (viewer-check.ts).
    await countFor(5, token);
    const small = await countFor(5, token);
    const medium = await countFor(50, token);
    const large = await countFor(100, token);
    assert.equal(medium, small, `50 issues took ${medium} statements, 5 took ${small}`);
    assert.equal(large, small, `100 issues took ${large} statements, 5 took ${small}`);
    // One planned statement for the page with its relations, timelines, totalCount and the token's user (issue 15: ≤ 2).
    assert.equal(large, 1, `a page costs ${large} statements`);
    console.log(`statements per page: ${large}`);
  });

  it("a page's duplicate candidates come in one more statement, the same as each issue's own", async () => {
    const token = await t.login('admin');
    const LIST = `query($first: Int) { issues(first: $first) { edges { node { id duplicateCandidates(first: 3) { id trackingCode } } } } }`;
    const count = async (first: number) => {
      statements = [];
      counting = true;
      const data = dataOf(await t.gql<any>(LIST, { first }, { token }));
      counting = false;
      return { data, statements: statements.length };
    };
    await count(5);
    const small = await count(5);
    const large = await count(50);
    assert.equal(large.statements, small.statements, `50 issues took ${large.statements} statements, 5 took ${small.statements}`);
    assert.ok(large.statements <= 2, `a page with candidates costs ${large.statements} statements`);
    // Each issue's candidates are what asking for that issue alone gives (order included).
    for (const edge of large.data.issues.edges.slice(0, 8)) {
      const alone = dataOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { duplicateCandidates(first: 3) { id trackingCode } } }', { id: edge.node.id }, { token }));
      assert.deepEqual(edge.node.duplicateCandidates, alone.issue.duplicateCandidates);
      assert.ok(!edge.node.duplicateCandidates.some((c: any) => c.id === edge.node.id), 'never the issue itself');
    }
    assert.ok(large.data.issues.edges.some((e: any) => e.node.duplicateCandidates.length === 3), 'the fixtures have duplicates');
  });
});
