/**
 * The scope rule has two forms (api/src/modules/auth/scope.ts): a SQL condition for queries and a
 * JavaScript predicate for live events. They must never disagree, or a cadre would see an issue in
 * a list that its live feed hides (or the reverse). Property: for random viewers (any role, grids,
 * cadre, scope region — with LIKE's wildcards in region paths) and random issues, the rows the SQL
 * condition selects are exactly the issues the predicate accepts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import { Role } from '../../api/src/domain/enums';
import { issueScopeSql, viewerSeesIssue, type IssueScopeFacts } from '../../api/src/modules/auth/scope';
import { inlineSql, sql } from '../../api/src/db/sql';
import type { Viewer } from '../../api/src/modules/auth/viewer';
import { fuzzSeed } from '../support/fuzz-seed';
import { startTestServer, type TestServer } from '../support/harness';

const RUNS = Number(process.env.LM_SCOPE_RUNS ?? 300);
const GRIDS = Array.from({ length: 4 }, () => randomUUID());
const CADRES = Array.from({ length: 3 }, () => randomUUID());
/** Region paths, nested and look-alike, some with the characters LIKE treats as wildcards or escapes. */
const PATHS = ['/a/', '/a/b/', '/a/b/c/', '/a/bc/', '/ab/', '/a_/', '/a%/', '/a%/x/', '/a\\/', '/a\\/b/', '/x/a/', '/'];

const viewerArb: fc.Arbitrary<Viewer | null> = fc.option(
  fc.record({
    userId: fc.constant(randomUUID()),
    username: fc.constant('probe'),
    displayName: fc.constant('probe'),
    role: fc.constantFrom(Role.ADMIN, Role.CADRE, Role.GRID_WORKER),
    cadreId: fc.option(fc.constantFrom(...CADRES)),
    gridWorkerId: fc.constant(null),
    gridIds: fc.uniqueArray(fc.constantFrom(...GRIDS), { maxLength: 3 }),
    scopeRegionPath: fc.option(fc.constantFrom(...PATHS)),
  }),
  { freq: 8 },
);

const issueArb: fc.Arbitrary<IssueScopeFacts> = fc.record({
  gridId: fc.constantFrom(...GRIDS),
  assigneeId: fc.option(fc.constantFrom(...CADRES)),
  regionPath: fc.constantFrom(...PATHS),
});

describe('the scope rule: SQL and JavaScript agree', () => {
  let t: TestServer;
  let run = 0;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false });
    await conn().execute('create table scope_probe (run int not null, n int not null, grid_id uuid not null, assignee_id uuid, region_path text not null)');
  });
  afterAll(() => t?.close());

  const conn = () => t.server.services.db.orm.em.fork().getConnection();

  it('selects exactly the issues the live-feed predicate lets through, for random viewers and issues', async () => {
    await fc.assert(
      fc.asyncProperty(viewerArb, fc.array(issueArb, { minLength: 1, maxLength: 12 }), async (viewer, issues) => {
        const id = ++run;
        await conn().execute(
          `insert into scope_probe (run, n, grid_id, assignee_id, region_path) values ${issues.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
          issues.flatMap((issue, n) => [id, n, issue.gridId, issue.assigneeId ?? null, issue.regionPath]),
        );
        const condition = issueScopeSql(viewer, sql.fragment`i`) ?? sql.fragment`true`;
        const em = t.server.services.db.orm.em.fork();
        const rows = await em
          .getConnection()
          .execute<{ n: number }[]>(inlineSql(em, sql.query`select i.n from scope_probe i where i.run = ${sql.value(id)} and ${condition} order by i.n`));
        const bySql = rows.map((row: { n: number }) => Number(row.n));
        const byJs = issues.flatMap((issue, n) => (viewerSeesIssue(viewer, issue) ? [n] : []));
        assert.deepEqual(bySql, byJs, `viewer ${JSON.stringify(viewer)} issues ${JSON.stringify(issues)}`);
      }),
      { numRuns: RUNS, seed: fuzzSeed('scope-sql-agrees'), endOnFailure: true },
    );
  });

  it('covers every way in: by grid, by assignment and by region, and nothing for no viewer', () => {
    const cadre: Viewer = { userId: 'u', username: 'c', displayName: 'c', role: Role.CADRE, cadreId: CADRES[0], gridWorkerId: null, gridIds: [GRIDS[0]], scopeRegionPath: '/a/b/' };
    const issue = (over: Partial<IssueScopeFacts>): IssueScopeFacts => ({ gridId: GRIDS[3], assigneeId: null, regionPath: '/x/a/', ...over });
    assert.equal(viewerSeesIssue(cadre, issue({ gridId: GRIDS[0] })), true, 'assigned grid');
    assert.equal(viewerSeesIssue(cadre, issue({ assigneeId: CADRES[0] })), true, 'assigned to the cadre');
    assert.equal(viewerSeesIssue(cadre, issue({ regionPath: '/a/b/c/' })), true, 'inside the scope region');
    assert.equal(viewerSeesIssue(cadre, issue({})), false, 'none of these');
    assert.equal(viewerSeesIssue({ ...cadre, role: Role.GRID_WORKER }, issue({ assigneeId: CADRES[0], regionPath: '/a/b/' })), false, 'a worker: its grid only');
    assert.equal(viewerSeesIssue(null, issue({ gridId: GRIDS[0] })), false);
    const text = (viewer: Viewer | null) => {
      const condition = issueScopeSql(viewer, sql.fragment`i`);
      return condition && sql.compile(condition);
    };
    assert.deepEqual(text(null), { text: 'false', values: [] });
    assert.equal(text({ ...cadre, role: Role.ADMIN }), null);
    assert.deepEqual(text({ ...cadre, role: Role.GRID_WORKER, gridIds: [] }), { text: 'false', values: [] });
  });
});
