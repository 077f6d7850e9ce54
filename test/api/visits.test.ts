import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { demoIds, type DemoIds } from '../support/issues';

const RECORD = 'mutation($input: VisitInput!) { recordVisit(input: $input) { id kind notes households at grid { code } cadre { name } } }';
const GRID_VISITS = 'query($g: ID!, $f: Int) { grid(id: $g) { visits(first: $f) { kind notes households cadre { name } at } } }';

describe('visits', () => {
  let t: TestServer;
  let ids: DemoIds;
  let tokens: Record<string, string>;
  let gh07: string;
  let lj01: string;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ onQuery: (sql) => statements.push(sql) });
    ids = await demoIds(t);
    gh07 = ids.grids['JC-DH-GH-07'].id;
    lj01 = ids.grids['QS-SQ-LJ-01'].id;
    tokens = {};
    for (const user of ['admin', 'cadre.zheng', 'cadre.sun', 'supervisor.liu', 'worker.lin', 'worker.gao']) tokens[user] = await t.login(user);
  });
  afterAll(() => t?.close());

  const record = (user: string | null, input: Record<string, unknown>) => t.gql<any>(RECORD, { input }, user ? { token: tokens[user] } : {});

  it("records a cadre's check-in at an assigned grid as that cadre's visit", async () => {
    const visit = dataOf(await record('cadre.zheng', { gridId: gh07, kind: 'CHECK_IN', notes: '到网格报到' })).recordVisit;
    assert.equal(visit.kind, 'CHECK_IN');
    assert.equal(visit.grid.code, 'JC-DH-GH-07');
    assert.deepEqual(visit.cadre, { name: '郑大勇' });
    const meeting = dataOf(await record('cadre.zheng', { gridId: gh07, kind: 'RESIDENT_MEETING', notes: '楼道议事会：加装电梯' })).recordVisit;
    assert.ok(Date.parse(meeting.at) >= Date.parse(visit.at));
  });

  it('lets the grid worker and admins record visits; the worker’s visit has no cadre', async () => {
    const byWorker = dataOf(await record('worker.lin', { gridId: gh07, kind: 'HOUSEHOLD_VISIT', households: 12, notes: '走访12户' })).recordVisit;
    assert.equal(byWorker.cadre, null);
    assert.equal(byWorker.households, 12);
    const byAdmin = dataOf(await record('admin', { gridId: lj01, kind: 'POLICY_PUBLICITY' })).recordVisit;
    assert.equal(byAdmin.grid.code, 'QS-SQ-LJ-01');
  });

  it('refuses visits at grids one does not work in, and bad input', async () => {
    assert.equal(errorCode(await record('cadre.zheng', { gridId: lj01, kind: 'CHECK_IN' })), 'FORBIDDEN');
    assert.equal(errorCode(await record('worker.gao', { gridId: gh07, kind: 'PATROL' })), 'FORBIDDEN');
    // A county cadre with a scope region: seeing a grid is not working in it.
    assert.equal(errorCode(await record('cadre.sun', { gridId: ids.grids['QS-SQ-LX-01'].id, kind: 'CHECK_IN' })), 'FORBIDDEN');
    assert.equal(errorCode(await record(null, { gridId: gh07, kind: 'CHECK_IN' })), 'UNAUTHENTICATED');
    assert.equal(errorCode(await record('admin', { gridId: '00000000-0000-4000-8000-000000000000', kind: 'CHECK_IN' })), 'NOT_FOUND');
    assert.equal(errorCode(await record('worker.lin', { gridId: gh07, kind: 'MEDIATION', households: -1 })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await record('worker.lin', { gridId: gh07, kind: 'MEDIATION', notes: '记'.repeat(2001) })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await record('worker.lin', { gridId: gh07, kind: 'TEA_PARTY' })), 'BAD_USER_INPUT');
  });

  it("lists a grid's visits newest first for staff who see the grid, and nothing for anyone else", async () => {
    const list = async (user: string | null, gridId: string, first?: number) =>
      dataOf(await t.gql<any>(GRID_VISITS, { g: gridId, f: first }, user ? { token: tokens[user] } : {})).grid.visits;
    // Visits of its own (marked), so the test stands alone whatever the other tests recorded.
    const mark = `list-${Date.now()}`;
    for (const kind of ['CHECK_IN', 'RESIDENT_MEETING', 'HOUSEHOLD_VISIT']) dataOf(await record('worker.lin', { gridId: gh07, kind, notes: mark }));
    dataOf(await record('admin', { gridId: lj01, kind: 'POLICY_PUBLICITY', notes: mark }));
    const forWorker = await list('worker.lin', gh07);
    assert.deepEqual(
      forWorker.filter((v: any) => v.notes === mark).map((v: any) => v.kind),
      ['HOUSEHOLD_VISIT', 'RESIDENT_MEETING', 'CHECK_IN'],
    );
    const times = forWorker.map((v: any) => Date.parse(v.at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.deepEqual(await list('supervisor.liu', gh07), forWorker, 'a city supervisor sees the whole city');
    assert.equal((await list('admin', gh07, 2)).length, 2, 'first limits the list');
    assert.deepEqual(await list('worker.gao', gh07), [], 'a worker of another grid');
    assert.deepEqual(await list('cadre.sun', gh07), [], 'a cadre of the other county');
    assert.deepEqual(await list(null, gh07), [], 'the public');
    assert.ok((await list('cadre.sun', lj01)).some((v: any) => v.notes === mark), 'a county cadre sees the visits in its county');
    assert.equal(errorCode(await t.gql(GRID_VISITS, { g: gh07, f: 0 }, { token: tokens.admin })), 'BAD_USER_INPUT');
  });

  it('loads the visits of many grids in one statement', async () => {
    dataOf(await record('admin', { gridId: lj01, kind: 'PATROL' })); // at least one, whichever tests ran before
    statements.length = 0;
    const data = dataOf(
      await t.gql<any>('{ regions { children { children { children { grids { code visits(first: 5) { kind } } } } } } }', {}, { token: tokens.admin }),
    );
    const grids = data.regions[0].children.flatMap((c: any) => c.children.flatMap((tw: any) => tw.children.flatMap((cm: any) => cm.grids)));
    assert.equal(grids.length, 6);
    assert.ok(grids.some((g: any) => g.visits.length > 0));
    assert.equal(statements.filter((s) => /\bfrom visit\b/i.test(s)).length, 1);
  });
});
