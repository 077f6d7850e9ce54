import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { insertIssues } from '../support/fixtures';

const FIGURES = 'total open overdue resolutionRate onTimeRate satisfactionRate avgResolveHours byStatus { status count } byCategory { category { code } count }';
/** A range that holds every issue: it makes issueStats aggregate the issue table itself, bypassing the roll-up. */
const EVERYTHING = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

describe('statistics roll-up: always equal to aggregating the issues themselves', () => {
  let t: TestServer;
  let admin: string;
  let regionIds: string[];
  const sql = (text: string, params: unknown[] = []) => t.server.services.db.orm.em.fork().getConnection().execute(text, params);

  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
    await insertIssues(t, { count: 12, gridCode: 'JC-DH-GH-07', categoryCode: 'GARBAGE', assigneeName: '郑大勇' });
    await insertIssues(t, { count: 8, gridCode: 'JC-DH-GH-07', categoryCode: 'UTILITIES', status: 'RESOLVED' });
    const regions = (await sql(`select id from region order by path`)) as { id: string }[];
    regionIds = regions.map((r) => r.id);
  });
  afterAll(() => t?.close());

  /** Every region's figures and the overall ones, from the roll-up and from the plain aggregate. */
  async function assertConsistent(label: string) {
    for (const regionId of [...regionIds, null]) {
      const args = regionId ? { regionId } : {};
      const q = `query($regionId: ID, $from: DateTimeISO, $to: DateTimeISO) { issueStats(regionId: $regionId, from: $from, to: $to) { ${FIGURES} } }`;
      const rolled = dataOf(await t.gql<any>(q, args, { token: admin })).issueStats;
      const plain = dataOf(await t.gql<any>(q, { ...args, ...EVERYTHING }, { token: admin })).issueStats;
      const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
      assert.ok(close(rolled.avgResolveHours, plain.avgResolveHours), `${label}, region ${regionId}: average ${rolled.avgResolveHours} vs ${plain.avgResolveHours}`);
      assert.deepEqual({ ...rolled, avgResolveHours: null }, { ...plain, avgResolveHours: null }, `${label}, region ${regionId}`);
    }
  }

  it('after inserts, every kind of update and deletes', async () => {
    await assertConsistent('after insert');
    const ids = ((await sql(`select id from issue order by created_at, id`)) as { id: string }[]).map((r) => r.id);
    // Resolve some on time and some late, follow some up, move one to another category and grid, delete one.
    await sql(`update issue set status = 'RESOLVED', resolved_at = created_at + interval '3 hours' where id = any(?::uuid[])`, [`{${ids.slice(0, 4).join(',')}}`]);
    await sql(`update issue set status = 'RESOLVED', resolved_at = resolve_due_at + interval '5 hours' where id = any(?::uuid[])`, [`{${ids.slice(4, 6).join(',')}}`]);
    await sql(`update issue set status = 'FOLLOWED_UP', follow_up_satisfaction = 'UNSATISFIED', follow_up_method = 'PHONE' where id = ?`, [ids[4]]);
    await sql(`update issue set status = 'CLOSED', follow_up_satisfaction = 'SATISFIED', follow_up_method = 'PHONE' where id = ?`, [ids[0]]);
    await sql(`update issue set category_code = 'DISPUTE', grid_id = g.id, region_path = g.region_path from grid g where g.code = 'QS-SQ-LJ-01' and issue.id = ?`, [ids[1]]);
    assert.equal(((await sql(`select category_code from issue where id = ?`, [ids[1]])) as any[])[0].category_code, 'DISPUTE');
    await sql(`update issue set status = 'ASSIGNED', resolved_at = null where id = ?`, [ids[2]]);
    await sql(`update issue set version = version + 1, resolve_overdue_raised = true where id = ?`, [ids[3]]);
    await sql(`delete from issue_event where issue_id = ?`, [ids[5]]);
    await sql(`delete from issue where id = ?`, [ids[5]]);
    await assertConsistent('after updates and a delete');
  });

  it('counts overdue issues due on earlier days (from the overdue roll-up) and earlier today (live) alike', async () => {
    const open = ((await sql(`select id from issue where status in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS') order by id limit 6`)) as { id: string }[]).map((r) => r.id);
    assert.ok(open.length >= 4, 'enough unresolved issues');
    const overdue = async () => dataOf(await t.gql<any>(`{ issueStats { overdue } }`, {}, { token: admin })).issueStats.overdue as number;
    // Two due days ago, one due a minute ago (earlier today, or yesterday just after midnight: either path must agree).
    await sql(`update issue set resolve_due_at = now() - interval '2 days', response_due_at = now() - interval '3 days' where id = any(?::uuid[])`, [`{${open.slice(0, 2).join(',')}}`]);
    await sql(`update issue set resolve_due_at = now() - interval '1 minute', response_due_at = now() - interval '2 minutes' where id = ?`, [open[2]]);
    // Resolving one of the late ones takes it out again.
    await sql(`update issue set status = 'RESOLVED', resolved_at = now() where id = ?`, [open[0]]);
    await assertConsistent('after deadlines passed');
    assert.ok((await overdue()) >= 2, 'the late issues count as overdue');
    const pastDays = (await sql(`select count(*)::int as n from issue_overdue_rollup where issues > 0 and due_day < (now() at time zone 'UTC')::date`)) as { n: number }[];
    assert.ok(pastDays[0].n > 0, 'issues due on earlier days are counted from the roll-up');
  });

  it('under concurrent transitions of many issues, without deadlocks', async () => {
    const ids = ((await sql(`select id from issue where status = 'SUBMITTED' order by id limit 12`)) as { id: string }[]).map((r) => r.id);
    assert.ok(ids.length >= 8, 'enough SUBMITTED issues to move');
    const em = () => t.server.services.db.orm.em.fork();
    // Each transaction moves one issue through two statuses, so roll-up rows are taken and released in varied orders.
    await Promise.all(
      ids.map((id, n) =>
        em().transactional(async (tx) => {
          const conn = tx.getConnection();
          const ctx = tx.getTransactionContext();
          await conn.execute(`update issue set status = ? where id = ?`, [n % 2 ? 'ACCEPTED' : 'ASSIGNED', id], 'run', ctx);
          await conn.execute(`update issue set status = ?, resolved_at = created_at + interval '1 hour' where id = ?`, [n % 3 ? 'RESOLVED' : 'CLOSED', id], 'run', ctx);
        }),
      ),
    );
    await assertConsistent('after concurrent transitions');
  });

  it('is rebuilt from scratch to the same figures (the bulk-load and repair path)', async () => {
    const overdueRows = () => sql(`select region_path, category_code, due_day::text, issues from issue_overdue_rollup where issues <> 0 order by 1, 2, 3`);
    const overdueBefore = await overdueRows();
    assert.ok(overdueBefore.length > 0, 'the overdue roll-up holds the unresolved issues');
    const before = await sql(`select * from issue_stats_rollup where issues <> 0 order by region_path, category_code, status`);
    await sql(`select lastmeter_rebuild_issue_rollup()`);
    assert.deepEqual(await overdueRows(), overdueBefore);
    const after = await sql(`select * from issue_stats_rollup where issues <> 0 order by region_path, category_code, status`);
    assert.equal(after.length, before.length);
    const figures = (rows: any[]) => rows.map((r) => ({ ...r, resolved_seconds: Number(r.resolved_seconds).toFixed(3) }));
    assert.deepEqual(figures(after), figures(before));
    await assertConsistent('after a rebuild');
  });
});
