/**
 * The direct path's viewer check (api/src/modules/auth/viewer-check.ts): a staff user read recently is confirmed
 * inside the page's own statement instead of being read first, and anything that changed the user in the
 * database (deactivation, a moved scope, a new role) is seen from the very next request, as before.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, ranOnATimer, startTestServer, type TestServer } from '../support/harness';
import { dbOf } from '../support/issues';

const PAGE = 'query Page { issues(first: 50) { totalCount edges { node { id status grid { code } } } } }';
/** An Accept header with weights sends the request through Apollo (direct-graphql.ts leaves it to Apollo). */
const THROUGH_APOLLO = { accept: 'application/json, */*;q=0.5' };

describe("the direct path's viewer check", () => {
  let t: TestServer;
  let statements: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({
      onQuery: (sql) => {
        if (!ranOnATimer(sql)) statements.push(sql);
      },
    });
  });
  afterAll(() => t?.close());

  /** Statements run for one request, and its answer. */
  const counted = async (query: string, token: string, headers: Record<string, string> = {}) => {
    statements = [];
    const res = await fetch(t.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query }),
    });
    return { body: (await res.json()) as any, statements: [...statements] };
  };
  const sql = (text: string) => dbOf(t).execute(text);

  it('reads a known viewer inside the page statement: one statement per page, the same answer as Apollo', async () => {
    const token = await t.login('admin');
    const first = await counted(PAGE, token);
    assert.equal(first.statements.length, 2, `first request: the viewer, then the page\n${first.statements.join('\n')}`);
    const again = await counted(PAGE, token);
    assert.equal(again.statements.length, 1, `a known viewer is checked in the page's statement\n${again.statements.join('\n')}`);
    assert.match(again.statements[0], /lm_stamp/);
    assert.deepEqual(again.body, first.body);
    const apollo = await counted(PAGE, token, THROUGH_APOLLO);
    assert.deepEqual(apollo.body, first.body);
    assert.ok(first.body.data.issues.edges.length > 0);
  });

  it('checks a known viewer with one statement of its own when the query reads no page', async () => {
    const token = await t.login('supervisor.liu');
    await counted('{ me { username } }', token);
    const again = await counted('{ me { username } }', token);
    assert.equal(again.body.data.me.username, 'supervisor.liu');
    // `me` reads its user entity; the viewer's own reading comes after it, before the answer is sent.
    assert.equal(again.statements.filter((s) => / as stamp\b/.test(s)).length, 1, again.statements.join('\n'));
    assert.match(again.statements.at(-1)!, / as stamp\b/);
  });

  it('refuses a token from the next request after its account is deactivated in the database (another replica did it)', async () => {
    const token = await t.login('worker.gao');
    dataOf(await t.gql(PAGE, {}, { token }));
    dataOf(await t.gql('{ me { id } }', {}, { token }));
    await sql(`update app_user set active = false where username = 'worker.gao'`);
    try {
      assert.equal(errorCode(await t.gql(PAGE, {}, { token })), 'UNAUTHENTICATED', 'a page');
      assert.equal(errorCode(await t.gql('{ me { id } }', {}, { token })), 'UNAUTHENTICATED', 'a query reading no page');
    } finally {
      await sql(`update app_user set active = true where username = 'worker.gao'`);
    }
    assert.equal(dataOf<any>(await t.gql('{ me { username } }', {}, { token })).me.username, 'worker.gao');
  });

  it("answers with the new scope from the next request after a cadre's grids change", async () => {
    const token = await t.login('cadre.zheng');
    const before = await counted(PAGE, token);
    await counted(PAGE, token);
    const [cadre] = await sql(`select cadre_id from app_user where username = 'cadre.zheng'`);
    const saved = await sql(`select * from cadre_assignment where cadre_id = '${cadre.cadre_id}'`);
    assert.ok(saved.length > 0, 'the demo cadre has grids');
    await sql(`delete from cadre_assignment where cadre_id = '${cadre.cadre_id}'`);
    try {
      const after = await counted(PAGE, token);
      const apollo = await counted(PAGE, token, THROUGH_APOLLO);
      assert.deepEqual(after.body, apollo.body, 'the direct answer is the fresh one');
      assert.notEqual(after.body.data.issues.totalCount, before.body.data.issues.totalCount, 'the scope changed what the cadre sees');
    } finally {
      const columns = Object.keys(saved[0]);
      for (const row of saved) {
        await dbOf(t).getConnection().execute(
          `insert into cadre_assignment (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          columns.map((c) => row[c]),
        );
      }
    }
    const restored = await counted(PAGE, token);
    assert.deepEqual(restored.body, before.body);
  });

  it('sees a role taken away at once, even for a query that reads no issue', async () => {
    // worker.lin made an admin for a while (as another replica's updateUser would), then made a grid worker again.
    await sql(`update app_user set role = 'ADMIN' where username = 'worker.lin'`);
    const token = await t.login('worker.lin');
    try {
      assert.ok(dataOf<any>(await t.gql('{ portalKeys { id } }', {}, { token })).portalKeys);
      assert.ok(dataOf<any>(await t.gql('{ portalKeys { id } }', {}, { token })).portalKeys, 'answered with the recalled admin');
    } finally {
      await sql(`update app_user set role = 'GRID_WORKER' where username = 'worker.lin'`);
    }
    assert.equal(errorCode(await t.gql('{ portalKeys { id } }', {}, { token })), 'FORBIDDEN');
  });
});
