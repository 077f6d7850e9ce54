import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { insertIssues } from '../support/fixtures';

const LIST = `query($filter: IssueFilter, $first: Int, $after: String) {
  issues(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status category { code } grid { code } } }
  }
}`;

describe('issues(filter, first, after)', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
    await t.server.services.db.orm.em.fork().getConnection().execute('delete from issue_assignment; delete from issue_extension; delete from issue_event; delete from issue;');
    // Long past, whatever today's date: every deadline below has passed.
    await insertIssues(t, { count: 25, gridCode: 'JC-DH-GH-07', categoryCode: 'GARBAGE', status: 'SUBMITTED', start: new Date(Date.UTC(2001, 0, 1)) });
    await insertIssues(t, { count: 10, gridCode: 'QS-SQ-LJ-01', categoryCode: 'RURAL_ROAD', status: 'ASSIGNED', assigneeName: '冯春梅', start: new Date(Date.UTC(2001, 1, 1)) });
  });
  afterAll(() => t?.close());

  const list = (variables: Record<string, unknown>) => t.gql(LIST, variables, { token: admin });

  it('walks every page newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = dataOf(await list({ first: 10, after })).issues;
      assert.equal(page.totalCount, 35);
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    assert.equal(pages, 4);
    assert.equal(new Set(seen).size, 35);
    const first = dataOf(await list({ first: 1 })).issues.edges[0].node;
    assert.equal(first.grid.code, 'QS-SQ-LJ-01', 'the newest issue comes first');
  });

  it('filters by status, category, grid, region subtree, assignee, dates and text', async () => {
    const count = async (filter: Record<string, unknown>) => dataOf(await list({ filter, first: 50 })).issues.totalCount;
    assert.equal(await count({ status: ['ASSIGNED'] }), 10);
    assert.equal(await count({ status: ['SUBMITTED', 'ASSIGNED'] }), 35);
    assert.equal(await count({ categoryCode: ['GARBAGE'] }), 25);
    const grids = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id region { id parent { id parent { id } } } } }')).gridAt;
    assert.equal(await count({ gridId: grids.id }), 25);
    assert.equal(await count({ regionId: grids.region.parent.parent.id }), 25, 'the district rolls up its grids');
    const cadres = dataOf(await t.gql('{ cadres(level: VILLAGE) { id name } }')).cadres;
    const feng = cadres.find((c: any) => c.name === '冯春梅');
    assert.equal(await count({ assigneeId: feng.id }), 10);
    assert.equal(await count({ createdAfter: '2001-02-01T00:00:00.000Z' }), 10);
    assert.equal(await count({ createdBefore: '2001-01-01T00:10:00.000Z' }), 10);
    assert.equal(await count({ search: 'fixture issue 2' }), 7, 'issues 2 and 20..24 of the first batch, issue 2 of the second');
    assert.equal(await count({ overdue: true }), 35, 'all their deadlines are in the past');
    assert.equal(await count({ overdue: false }), 0);
  });

  it('refuses a non-positive first, a cursor that is not ours and a malformed id', async () => {
    assert.equal(errorCode(await list({ first: 0 })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await list({ first: -3 })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await list({ first: 5, after: 'not-a-cursor' })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await list({ filter: { gridId: 'grid-7' } })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await list({ filter: { regionId: '00000000-0000-4000-8000-000000000000' } })), 'NOT_FOUND');
  });

  it('gives a grid its issues and a cadre its duty list, oldest deadline first', async () => {
    const grid = dataOf(await t.gql('{ gridAt(latitude: 30.72, longitude: 114.52) { issues(first: 3) { totalCount } } }', {}, { token: admin })).gridAt;
    assert.equal(grid.issues.totalCount, 10);
    const cadres = dataOf(await t.gql('{ cadres(level: VILLAGE) { id name } }')).cadres;
    const feng = cadres.find((c: any) => c.name === '冯春梅');
    const duties = dataOf(
      await t.gql('query($id: ID!) { cadre(id: $id) { duties(first: 20) { totalCount edges { node { resolveDueAt } } } } }', { id: feng.id }, { token: admin }),
    ).cadre.duties;
    assert.equal(duties.totalCount, 10);
    const due = duties.edges.map((e: any) => e.node.resolveDueAt);
    assert.deepEqual(due, [...due].sort());
  });
});
