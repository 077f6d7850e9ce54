/**
 * Statistics against figures worked out by hand for a small fixture: a county
 * of its own with two communities, a grid each, and seven issues in known
 * states on a known clock (built through the real report and workflow
 * services), plus a grid without return visits and an issue elsewhere.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { CadreLevel, FollowUpMethod, RegionLevel, Satisfaction } from '../../api/src/domain/enums';
import { assignCadre, createCadre } from '../../api/src/modules/cadres/cadre.service';
import { User } from '../../api/src/modules/auth/user.entity';
import { loadViewer } from '../../api/src/modules/auth/viewer';
import * as workflow from '../../api/src/modules/issues/issue-workflow.service';
import { silentNotifier } from '../../api/src/modules/realtime/event-notifier';
import { submitReport } from '../../api/src/modules/tracking/report.service';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { regionTreeBuilders } from '../support/region-tree';

const HOUR = 3_600_000;
/** Long enough ago that every deadline of the fixture has passed. */
const BASE = Date.UTC(2025, 0, 6, 8, 0, 0);
const STATS = 'total open overdue resolutionRate onTimeRate satisfactionRate avgResolveHours byStatus { status count } byCategory { category { code } count }';

const sortBy = <T extends Record<string, any>>(rows: T[], key: keyof T) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

describe('issue statistics, checked by hand', () => {
  let t: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer();
    // The fixture is built through the services, with no HTTP request before the tests' own
    // (an idle keep-alive socket could be closed by the server just as a test reuses it).
    const em = t.server.services.db.orm.em.fork();
    const { region, grid } = regionTreeBuilders(em, 10);
    ids.city = await region('统计市', RegionLevel.CITY);
    ids.county = await region('统计县', RegionLevel.COUNTY, ids.city);
    ids.otherCounty = await region('邻县', RegionLevel.COUNTY, ids.city);
    ids.township = await region('统计镇', RegionLevel.TOWNSHIP, ids.county);
    ids.otherTownship = await region('邻镇', RegionLevel.TOWNSHIP, ids.otherCounty);
    ids.c1 = await region('一村', RegionLevel.COMMUNITY, ids.township);
    ids.c2 = await region('二村', RegionLevel.COMMUNITY, ids.township);
    ids.c3 = await region('邻村', RegionLevel.COMMUNITY, ids.otherTownship);
    ids.g1 = await grid('STAT-G1', ids.c1, 1);
    ids.g2 = await grid('STAT-G2', ids.c2, 2);
    ids.g3 = await grid('STAT-G3', ids.c3, 3);
    ids.cadre = (await createCadre(em, { name: '统计干部', level: CadreLevel.VILLAGE, unit: '统计村委会', regionId: ids.c1 })).id;
    // An assignee must work in the issue's grid.
    for (const gridId of [ids.g1, ids.g2, ids.g3]) await assignCadre(em, ids.cadre, gridId);

    // Drive the issues through the report and workflow services on a clock we set.
    const adminUser = await em.findOneOrFail(User, { username: 'admin' });
    const viewer = (await loadViewer(em, adminUser.id))!;
    let clock = new Date(BASE);
    const at = (hours: number) => {
      clock = new Date(BASE + hours * HOUR);
    };
    const actor: workflow.WorkflowActor = { em, viewer, events: silentNotifier, now: () => clock };
    const report = async (key: string, gridId: string, categoryCode: string) => {
      const r = await submitReport(em, {
        scope: 'test:stats',
        actorName: null,
        input: { categoryCode, description: `统计 ${key}`, gridId, idempotencyKey: key },
        events: silentNotifier,
        now: () => clock,
      });
      return r.issueId;
    };
    const assignAndStart = async (id: string) => {
      await workflow.acceptIssue(actor, id, {});
      await workflow.assignIssue(actor, id, { cadreId: ids.cadre });
      await workflow.startIssue(actor, id, {});
    };
    const followUp = (id: string, satisfaction: Satisfaction) =>
      workflow.recordFollowUp(actor, id, { input: { method: FollowUpMethod.PHONE, satisfaction } });

    // Grid 1: I1 GARBAGE (24 h) resolved at 12 h, satisfied, closed.
    at(0);
    const i1 = await report('i1', ids.g1, 'GARBAGE');
    await assignAndStart(i1);
    at(12);
    await workflow.resolveIssue(actor, i1, { resolution: 'done' });
    await followUp(i1, Satisfaction.SATISFIED);
    await workflow.closeIssue(actor, i1, {});
    // I2 GARBAGE resolved at 36 h: late; no return visit yet.
    at(0);
    const i2 = await report('i2', ids.g1, 'GARBAGE');
    await assignAndStart(i2);
    at(36);
    await workflow.resolveIssue(actor, i2, { resolution: 'late' });
    // I3 UTILITIES never touched: past both deadlines.
    at(0);
    await report('i3', ids.g1, 'UTILITIES');
    // I4 DOG_KEEPING rejected.
    const i4 = await report('i4', ids.g1, 'DOG_KEEPING');
    at(1);
    await workflow.rejectIssue(actor, i4, { reason: 'duplicate' });
    // Grid 2: I5 DOG_KEEPING resolved at 24 h, unsatisfied → back to ASSIGNED, past its 72 h deadline.
    at(0);
    const i5 = await report('i5', ids.g2, 'DOG_KEEPING');
    await assignAndStart(i5);
    at(24);
    await workflow.resolveIssue(actor, i5, { resolution: 'first try' });
    await followUp(i5, Satisfaction.UNSATISFIED);
    // I7 GARBAGE resolved at 6 h, basically satisfied.
    at(0);
    const i7 = await report('i7', ids.g2, 'GARBAGE');
    await assignAndStart(i7);
    at(6);
    await workflow.resolveIssue(actor, i7, { resolution: 'quick' });
    await followUp(i7, Satisfaction.BASICALLY_SATISFIED);
    // I6 PUBLIC_FACILITY reported an hour ago and accepted: nothing overdue.
    clock = new Date(Date.now() - HOUR);
    const i6 = await report('i6', ids.g2, 'PUBLIC_FACILITY');
    await workflow.acceptIssue(actor, i6, {});
    // Elsewhere: one SUBMITTED issue in the other county (never counted above).
    at(0);
    await report('i8', ids.g3, 'OTHER');
  });
  afterAll(() => t?.close());

  const stats = async (query: string, vars: Record<string, unknown> = {}) => dataOf(await t.gql<any>(query, vars));

  it('adds up a county (its whole subtree) as worked out by hand', async () => {
    const { region } = await stats(`query($id: ID!) { region(id: $id) { stats { ${STATS} } } }`, { id: ids.county });
    const s = region.stats;
    assert.equal(s.total, 7);
    assert.equal(s.open, 5, 'I2, I3, I5, I6, I7: not closed or rejected');
    assert.equal(s.overdue, 2, 'I3 (response and resolve) and I5 (resolve)');
    assert.equal(s.resolutionRate, 3 / 7, 'I1, I2, I7 resolved');
    assert.equal(s.onTimeRate, 2 / 3, 'I1 and I7 within their 24 h; I2 took 36 h');
    assert.equal(s.satisfactionRate, 2 / 3, 'I1 satisfied, I7 basically, I5 unsatisfied');
    assert.ok(Math.abs(s.avgResolveHours - 18) < 1e-9, `(12 + 36 + 6) / 3 = 18, got ${s.avgResolveHours}`);
    assert.deepEqual(sortBy(s.byStatus, 'status'), sortBy(
      ['ACCEPTED', 'ASSIGNED', 'CLOSED', 'FOLLOWED_UP', 'REJECTED', 'RESOLVED', 'SUBMITTED'].map((status) => ({ status, count: 1 })),
      'status',
    ));
    assert.deepEqual(
      s.byCategory.map((c: any) => [c.category.code, c.count]),
      [['GARBAGE', 3], ['DOG_KEEPING', 2], ['PUBLIC_FACILITY', 1], ['UTILITIES', 1]],
    );
  });

  it('gives the same figures for the township and for issueStats(regionId), and the city adds the other county', async () => {
    const county = (await stats(`query($id: ID!) { issueStats(regionId: $id) { ${STATS} } }`, { id: ids.county })).issueStats;
    const township = (await stats(`query($id: ID!) { issueStats(regionId: $id) { ${STATS} } }`, { id: ids.township })).issueStats;
    assert.deepEqual(township, county);
    const city = (await stats(`query($id: ID!) { region(id: $id) { stats { total open overdue satisfactionRate } } }`, { id: ids.city })).region.stats;
    assert.deepEqual(city, { total: 8, open: 6, overdue: 3, satisfactionRate: 2 / 3 });
  });

  it('adds up each grid (and its community) on its own', async () => {
    const g1 = (await stats(`query($id: ID!) { grid(id: $id) { stats { ${STATS} } } }`, { id: ids.g1 })).grid.stats;
    assert.deepEqual(
      [g1.total, g1.open, g1.overdue, g1.resolutionRate, g1.onTimeRate, g1.satisfactionRate, g1.avgResolveHours],
      [4, 2, 1, 2 / 4, 1 / 2, 1, 24],
    );
    const c1 = (await stats(`query($id: ID!) { issueStats(regionId: $id) { ${STATS} } }`, { id: ids.c1 })).issueStats;
    assert.deepEqual(c1, g1);
    const g2 = (await stats(`query($id: ID!) { issueStats(gridId: $id) { ${STATS} } }`, { id: ids.g2 })).issueStats;
    assert.deepEqual(
      [g2.total, g2.open, g2.overdue, g2.resolutionRate, g2.onTimeRate, g2.satisfactionRate, g2.avgResolveHours],
      [3, 3, 1, 1 / 3, 1, 1 / 2, 6],
    );
  });

  it('says null for satisfaction (and the average) where there were no return visits', async () => {
    const g3 = (await stats(`query($id: ID!) { grid(id: $id) { stats { ${STATS} } } }`, { id: ids.g3 })).grid.stats;
    assert.equal(g3.total, 1);
    assert.equal(g3.satisfactionRate, null);
    assert.equal(g3.avgResolveHours, null);
    assert.equal(g3.resolutionRate, 0);
    assert.equal(g3.onTimeRate, 0);
  });

  it("counts a cadre's duties", async () => {
    const cadre = (await stats(`query($id: ID!) { cadre(id: $id) { stats { total open resolutionRate satisfactionRate avgResolveHours } } }`, { id: ids.cadre })).cadre.stats;
    // I1, I2, I5, I7 were assigned to the cadre.
    assert.deepEqual(cadre, { total: 4, open: 3, resolutionRate: 3 / 4, satisfactionRate: 2 / 3, avgResolveHours: 18 });
  });

  it('restricts to a creation period with from and to (staff: any window, exact counts)', async () => {
    const token = await t.login('admin');
    const staffStats = async (query: string, vars: Record<string, unknown>) => dataOf(await t.gql<any>(query, vars, { token }));
    const recent = (await staffStats(`query($id: ID!, $from: DateTimeISO) { issueStats(regionId: $id, from: $from) { total byStatus { status count } } }`, {
      id: ids.county,
      from: new Date(BASE + 24 * HOUR).toISOString(),
    })).issueStats;
    assert.deepEqual(recent, { total: 1, byStatus: [{ status: 'ACCEPTED', count: 1 }] });
    const early = (await staffStats(`query($id: ID!, $to: DateTimeISO) { issueStats(regionId: $id, to: $to) { total } }`, {
      id: ids.county,
      to: new Date(BASE + HOUR).toISOString(),
    })).issueStats;
    assert.equal(early.total, 6);
  });
});
