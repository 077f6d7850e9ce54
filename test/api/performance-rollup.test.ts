/**
 * 考核 from the daily roll-ups (migration PerformanceRollup) against figures
 * worked out by hand and against the same figures computed straight from the
 * assignment ledger, over scripted histories on a clock we set (returns,
 * reassignment, escalation, refused return, reopening, late and on-time
 * resolutions, return visits, handings left overdue), for periods of whole
 * days, pieces of days and both, then after several transitions at once on
 * the same roll-up rows.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CadreLevel, FollowUpMethod, PerformanceGroup, RegionLevel, ReturnReason, Role, Satisfaction } from '../../api/src/domain/enums';
import { assignCadre, createCadre } from '../../api/src/modules/cadres/cadre.service';
import { User } from '../../api/src/modules/auth/user.entity';
import { loadViewer, type Viewer } from '../../api/src/modules/auth/viewer';
import * as workflow from '../../api/src/modules/issues/issue-workflow.service';
import { performance, performanceJson, splitPeriod } from '../../api/src/modules/performance/performance.service';
import { silentNotifier } from '../../api/src/modules/realtime/event-notifier';
import { submitReport } from '../../api/src/modules/tracking/report.service';
import { startTestServer, type TestServer } from '../support/harness';
import { regionTreeBuilders } from '../support/region-tree';

const HOUR = 3_600_000;
/** Monday 2025-01-06 08:00 UTC: hour 0 of the histories (long ago, whatever day the suite runs). */
const BASE = Date.UTC(2025, 0, 6, 8, 0, 0);
const at = (hours: number) => new Date(BASE + hours * HOUR);
/** UTC midnight starting day `d` of the histories (day 0 is 2025-01-06). */
const day = (d: number) => new Date(Date.UTC(2025, 0, 6 + d));
/** The clock performance is asked at: day 10, 08:00. */
const NOW = at(240);

describe('考核 roll-ups: the figures by hand, and always those of the ledger itself', () => {
  let t: TestServer;
  let em: EntityManager;
  let viewer: Viewer;
  let clock = at(0);
  let actor: workflow.WorkflowActor;
  const ids: Record<string, string> = {};
  const sql = <T,>(text: string, params: unknown[] = []) => em.fork().getConnection().execute<T[]>(text, params);

  /** Whole days, pieces of days at one end or both, within one day, across one midnight, and every region. */
  const PERIODS: [Date, Date][] = [
    [day(-1), day(11)],
    [day(0), day(3)],
    [at(1), at(200)],
    [at(-8), at(39)],
    [day(1), at(39.75)],
    [at(28), at(34)],
    [at(39), at(41)],
    [at(129), at(132)],
  ];

  async function compare(label: string, now: Date) {
    const regions: (string | null)[] = [null, ids.city, ids.countyX, ids.countyY, ids.township];
    for (const groupBy of [PerformanceGroup.CADRE, PerformanceGroup.UNIT, PerformanceGroup.REGION]) {
      for (const regionId of regions) {
        for (const [from, to] of PERIODS) {
          const args = { groupBy, regionId, from, to };
          const rolled = await performance(em.fork(), viewer, args, t.config.performanceWeights, now, 'rollup');
          const direct = await performance(em.fork(), viewer, args, t.config.performanceWeights, now, 'ledger');
          assert.deepEqual(rolled, direct, `${label}: ${groupBy} in ${regionId} over ${from.toISOString()} … ${to.toISOString()}`);
        }
      }
    }
  }

  beforeAll(async () => {
    t = await startTestServer();
    em = t.server.services.db.orm.em.fork();
    const { region, grid } = regionTreeBuilders(em, 20);
    ids.city = await region('考核市', RegionLevel.CITY);
    ids.countyX = await region('甲县', RegionLevel.COUNTY, ids.city);
    ids.countyY = await region('乙县', RegionLevel.COUNTY, ids.city);
    ids.township = await region('甲镇', RegionLevel.TOWNSHIP, ids.countyX);
    ids.townshipY = await region('乙镇', RegionLevel.TOWNSHIP, ids.countyY);
    ids.c1 = await region('一村', RegionLevel.COMMUNITY, ids.township);
    ids.c2 = await region('二村', RegionLevel.COMMUNITY, ids.township);
    ids.c3 = await region('三村', RegionLevel.COMMUNITY, ids.townshipY);
    ids.g1 = await grid('PERF-G1', ids.c1, 11);
    ids.g2 = await grid('PERF-G2', ids.c2, 12);
    ids.g3 = await grid('PERF-G3', ids.c3, 13);
    ids.a = (await createCadre(em, { name: '考核甲', level: CadreLevel.VILLAGE, unit: '考核一局', regionId: ids.c1 })).id;
    ids.b = (await createCadre(em, { name: '考核乙', level: CadreLevel.TOWNSHIP, unit: '考核二局', regionId: ids.township })).id;
    ids.c = (await createCadre(em, { name: '考核丙', level: CadreLevel.COUNTY, unit: '考核一局', regionId: ids.countyX })).id;
    for (const [cadre, grids] of [[ids.a, [ids.g1, ids.g2]], [ids.b, [ids.g1, ids.g2]], [ids.c, [ids.g1, ids.g2, ids.g3]]] as const) {
      for (const gridId of grids) await assignCadre(em, cadre, gridId);
    }
    const adminUser = await em.findOneOrFail(User, { username: 'admin' });
    viewer = (await loadViewer(em, adminUser.id))!;
    actor = { em, viewer, events: silentNotifier, now: () => clock };
  });
  afterAll(() => t?.close());

  /** UTILITIES: 4 calendar hours to respond, 24 to resolve, from the report (so from each handing: 4 h to respond). */
  async function report(key: string, gridId: string, hours: number): Promise<string> {
    clock = at(hours);
    const r = await submitReport(em, {
      scope: 'test:performance',
      actorName: null,
      input: { categoryCode: 'UTILITIES', description: `考核 ${key}`, gridId, idempotencyKey: key },
      events: silentNotifier,
      now: () => clock,
    });
    return r.issueId;
  }
  const move = async (hours: number, step: () => Promise<unknown>) => {
    clock = at(hours);
    await step();
  };
  /** The cadre itself, for its own acts (return, extension: an admin may not make them). */
  const asCadre = (cadreId: string, base: workflow.WorkflowActor = actor): workflow.WorkflowActor => ({
    ...base,
    viewer: { ...viewer, role: Role.CADRE, cadreId, gridIds: [], scopeRegionPath: null },
  });
  const followUp = (id: string, satisfaction: Satisfaction) => workflow.recordFollowUp(actor, id, { input: { method: FollowUpMethod.PHONE, satisfaction } });

  it('runs the histories and gives the rows worked out by hand, whole days from the roll-up', async () => {
    // h1 (grid 1): 甲 from hour 0 starts at 1 (in time), resolves at 10 (in time), two satisfied visits; reopened on day 7 and resolved late.
    const h1 = await report('h1', ids.g1, 0);
    await move(0, () => workflow.acceptIssue(actor, h1, {}));
    await move(0, () => workflow.assignIssue(actor, h1, { cadreId: ids.a }));
    await move(1, () => workflow.startIssue(actor, h1, {}));
    await move(10, () => workflow.resolveIssue(actor, h1, { resolution: '已修复' }));
    await move(11, () => followUp(h1, Satisfaction.SATISFIED));
    await move(12, () => workflow.closeIssue(actor, h1, {}));
    await move(168, () => workflow.reopenIssue(actor, h1, { reason: '又坏了' }));
    await move(170, () => workflow.resolveIssue(actor, h1, { resolution: '再次修复' }));
    await move(171, () => followUp(h1, Satisfaction.SATISFIED));
    // h2 (grid 1): 甲 from hour 2 returns it at 8 (answered late); 乙 from hour 26 starts at 27 (in time), resolves late at 40,
    // an unsatisfied visit reopens it, resolved late again at 50, then a satisfied visit.
    const h2 = await report('h2', ids.g1, 2);
    await move(2, () => workflow.assignIssue(actor, h2, { cadreId: ids.a }));
    await move(8, () => workflow.returnIssue(asCadre(ids.a), h2, { reason: ReturnReason.NOT_OUR_RESPONSIBILITY, note: '不归我们管' }));
    await move(26, () => workflow.reassignIssue(actor, h2, { cadreId: ids.b }));
    await move(27, () => workflow.startIssue(actor, h2, {}));
    await move(40, () => workflow.resolveIssue(actor, h2, { resolution: '处理' }));
    await move(41, () => followUp(h2, Satisfaction.UNSATISFIED));
    await move(50, () => workflow.resolveIssue(actor, h2, { resolution: '再处理' }));
    await move(51, () => followUp(h2, Satisfaction.SATISFIED));
    // h3 (grid 2): 乙 from day 1, 23:30, never acts: overdue now (held, unresolved, past its deadline).
    const h3 = await report('h3', ids.g2, 39.5);
    await move(39.5, () => workflow.assignIssue(actor, h3, { cadreId: ids.b }));
    // h4 (grid 2): 甲 from hour 50, escalated at 52 to 丙, who starts at 53 and resolves in time at 60.
    const h4 = await report('h4', ids.g2, 50);
    await move(50, () => workflow.assignIssue(actor, h4, { cadreId: ids.a }));
    await move(52, () => workflow.escalateIssue(actor, h4, { cadreId: ids.c, note: '需要县里协调' }));
    await move(53, () => workflow.startIssue(actor, h4, {}));
    await move(60, () => workflow.resolveIssue(actor, h4, { resolution: '已协调' }));
    // h5 (grid 1): 甲 from hour 74 returns it at 75 (in time), the return is refused at 76, resolved in time at 90.
    const h5 = await report('h5', ids.g1, 74);
    await move(74, () => workflow.assignIssue(actor, h5, { cadreId: ids.a }));
    await move(75, () => workflow.returnIssue(asCadre(ids.a), h5, { reason: ReturnReason.NOT_OUR_RESPONSIBILITY, note: '不归我们管' }));
    await move(76, () => workflow.refuseReturn(actor, h5, { note: '就是你们的' }));
    await move(90, () => workflow.resolveIssue(actor, h5, { resolution: '处理完毕' }));
    // h8 (grid 1): 甲 from hour 100 starts at 101, then returns it at 102 (answered already: the return alone moves a count).
    const h8 = await report('h8', ids.g1, 100);
    await move(100, () => workflow.assignIssue(actor, h8, { cadreId: ids.a }));
    await move(101, () => workflow.startIssue(actor, h8, {}));
    await move(102, () => workflow.returnIssue(asCadre(ids.a), h8, { reason: ReturnReason.NOT_OUR_RESPONSIBILITY, note: '不归我们管' }));
    // h6 (grid 3, the other county): 丙 from hour 100, never acts: overdue now.
    const h6 = await report('h6', ids.g3, 100);
    await move(100, () => workflow.assignIssue(actor, h6, { cadreId: ids.c }));
    // h7 (grid 2): 乙 from hour 230, not yet due at day 10, 08:00.
    const h7 = await report('h7', ids.g2, 230);
    await move(230, () => workflow.assignIssue(actor, h7, { cadreId: ids.b }));

    // Every period [day -1, day 11) is whole UTC days: all but the clock's part of overdue comes from the roll-up.
    assert.deepEqual(splitPeriod(day(-1), day(11)).pieces, []);
    const rows = await performance(em.fork(), viewer, { groupBy: PerformanceGroup.CADRE, regionId: ids.city, from: day(-1), to: day(11) }, t.config.performanceWeights, NOW);
    const counts = (name: string) => {
      const r = rows.find((row) => row.name === name)!;
      return [r.assigned, r.respondedOnTime, r.resolved, r.resolvedOnTime, r.returned, r.overdue, r.followedUp, r.satisfied, r.reopened];
    };
    // assigned, respondedOnTime, resolved, resolvedOnTime, returned, overdue, followedUp, satisfied, reopened
    assert.deepEqual(counts('考核甲'), [5, 3, 2, 1, 3, 1, 2, 2, 1], '甲: h1 (late after reopening), h2 (returned late), h4 (escalated away), h5, h8');
    assert.deepEqual(counts('考核乙'), [3, 1, 1, 0, 0, 2, 2, 1, 1], '乙: h2 (late), h3 (overdue now), h7');
    assert.deepEqual(counts('考核丙'), [2, 1, 1, 1, 0, 1, 0, 0, 0], '丙: h4 (in time), h6 (overdue now)');
    assert.equal(rows.length, 3);
    const byRegion = await performance(em.fork(), viewer, { groupBy: PerformanceGroup.REGION, regionId: ids.city, from: day(-1), to: day(11) }, t.config.performanceWeights, NOW);
    assert.deepEqual(
      byRegion.map((r) => [r.name, r.assigned, r.overdue, r.returned]).sort(),
      [['乙县', 1, 1, 0], ['甲县', 9, 3, 3]],
    );
    const cadreDays = await sql<{ n: number | string }>(`select count(*) as n from performance_cadre_day where assigned > 0`);
    assert.ok(Number(cadreDays[0].n) >= 8, 'the roll-up holds the handings day by day');
    await compare('after the histories', NOW);
    await compare('at the system clock', new Date());
  });

  it('stays equal to the ledger after several transitions at once on the same roll-up rows', async () => {
    // Ten issues handed to 甲 on day 5 in one grid: the same cadre-day and region-day rows for all of them.
    const issues: string[] = [];
    for (let n = 0; n < 10; n++) {
      const id = await report(`c${n}`, ids.g1, 130);
      await move(130, () => workflow.assignIssue(actor, id, { cadreId: ids.a }));
      issues.push(id);
    }
    const fork = (hours: number): workflow.WorkflowActor => ({ em: em.fork(), viewer, events: silentNotifier, now: () => at(hours) });
    // Wave 1, all at once: start four, return three, resolve three.
    await Promise.all(
      issues.map((id, n) =>
        n < 4 ? workflow.startIssue(fork(131), id, {})
          : n < 7 ? workflow.returnIssue(asCadre(ids.a, fork(131)), id, { reason: ReturnReason.NOT_OUR_RESPONSIBILITY, note: '退回' })
            : workflow.resolveIssue(fork(131), id, { resolution: '处理' }),
      ),
    );
    // Wave 2, all at once: resolve the started ones late, hand the returned ones to 乙, visit the resolved ones.
    await Promise.all(
      issues.map((id, n) =>
        n < 4 ? workflow.resolveIssue(fork(200), id, { resolution: '处理' })
          : n < 7 ? workflow.reassignIssue(fork(132), id, { cadreId: ids.b })
            : workflow.recordFollowUp(fork(133), id, { input: { method: FollowUpMethod.PHONE, satisfaction: n === 9 ? Satisfaction.UNSATISFIED : Satisfaction.SATISFIED } }),
      ),
    );
    const rows = await performance(em.fork(), viewer, { groupBy: PerformanceGroup.CADRE, from: day(5), to: day(6) }, t.config.performanceWeights, NOW);
    const a = rows.find((r) => r.name === '考核甲')!;
    const b = rows.find((r) => r.name === '考核乙')!;
    assert.deepEqual([a.assigned, a.respondedOnTime, a.resolved, a.resolvedOnTime, a.returned, a.overdue, a.followedUp, a.satisfied, a.reopened], [10, 10, 6, 2, 3, 5, 3, 2, 1]);
    assert.deepEqual([b.assigned, b.overdue], [3, 3], '乙: handed the three returned ones on day 5, overdue since');
    await compare('after concurrent transitions', NOW);
  });

  it('rebuilds to the very rows the trigger kept (the bulk-load and repair path)', async () => {
    const snapshot = async () =>
      JSON.stringify([
        await sql(`select * from performance_cadre_day where assigned <> 0 order by day, cadre_id, region_path`),
        await sql(`select * from performance_region_day where assigned <> 0 order by region_path, day`),
      ]);
    const kept = await snapshot();
    await sql(`select lastmeter_rebuild_performance_rollup()`);
    assert.equal(await snapshot(), kept);
  });

  it("lays a rebuilt roll-up out in day order, with room on each page for the trigger's in-place updates", async () => {
    await sql(`select lastmeter_rebuild_performance_rollup()`);
    for (const table of ['performance_cadre_day', 'performance_region_day']) {
      const [{ options }] = await sql<{ options: string[] }>(`select reloptions as options from pg_class where relname = ?`, [table]);
      assert.deepEqual(options, ['fillfactor=70'], table);
      // Physical order (ctid) is day order: a month's rows sit together instead of across the whole table.
      const days = (await sql<{ day: string }>(`select day::text as day from ${table} order by ctid`)).map((r) => r.day);
      assert.ok(days.length > 1, table);
      assert.deepEqual(days, [...days].sort(), `${table} in day order`);
    }
  });

  it("answers each row's cadre or region through GraphQL, the region's parent included", async () => {
    const token = await t.login('admin');
    const query = `query($groupBy: PerformanceGroup!, $regionId: ID, $from: DateTimeISO, $to: DateTimeISO) {
      performance(groupBy: $groupBy, regionId: $regionId, from: $from, to: $to) {
        key name assigned cadre { id name level unit } region { id name level code parent { id name } }
      }
    }`;
    const period = { from: day(-1).toISOString(), to: day(11).toISOString() };
    const byCadre = await t.gql<{ performance: any[] }>(query, { groupBy: 'CADRE', ...period }, { token });
    assert.equal(byCadre.errors, undefined, JSON.stringify(byCadre.errors));
    const a = byCadre.data!.performance.find((r) => r.key === ids.a);
    assert.deepEqual(a.cadre, { id: ids.a, name: '考核甲', level: 'VILLAGE', unit: '考核一局' });
    assert.equal(a.region, null);
    const byRegion = await t.gql<{ performance: any[] }>(query, { groupBy: 'REGION', regionId: ids.city, ...period }, { token });
    assert.equal(byRegion.errors, undefined, JSON.stringify(byRegion.errors));
    const x = byRegion.data!.performance.find((r) => r.key === ids.countyX);
    assert.deepEqual(x.region, { id: ids.countyX, name: '甲县', level: 'COUNTY', code: null, parent: { id: ids.city, name: '考核市' } });
    assert.equal(x.cadre, null);
    assert.ok(x.assigned > 0);
  });
});

describe('考核 answered as PostgreSQL’s JSON', () => {
  let t: TestServer;
  let em: EntityManager;
  let viewer: Viewer;
  let token: string;
  const ids: Record<string, string> = {};
  /** Plain fields only (aliases, a fragment, __typename, a skipped field): PostgreSQL writes the answer. */
  const PLAIN = `query($groupBy: PerformanceGroup!, $regionId: ID, $from: DateTimeISO, $to: DateTimeISO, $no: Boolean!) {
    rows: performance(groupBy: $groupBy, regionId: $regionId, from: $from, to: $to) {
      __typename id: key ...counts skipped: name @include(if: $no) label: name
      cadre { __typename id name level unit } region { id level name code }
    }
  }
  fragment counts on PerformanceRow { assigned respondedOnTime resolved resolvedOnTime returned overdue followedUp satisfied reopened
    responseRate resolutionRate onTimeRate satisfactionRate returnRate score rank }`;
  /** The same and a region's parent, which only a resolver answers: GraphQL builds every row as an object. */
  const RESOLVED = PLAIN.replace('region { id level name code }', 'region { id level name code } further: region { parent { id } }');
  /** The statements sent while asking. */
  let statements: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ onQuery: (sql) => statements.push(sql) });
    em = t.server.services.db.orm.em.fork();
    const { region, grid } = regionTreeBuilders(em, 30);
    ids.city = await region('排名市', RegionLevel.CITY);
    ids.county = await region('排名县', RegionLevel.COUNTY, ids.city);
    ids.other = await region('另一县', RegionLevel.COUNTY, ids.city);
    const community = async (county: string, name: string) =>
      region(`${name}社区`, RegionLevel.COMMUNITY, await region(`${name}镇`, RegionLevel.TOWNSHIP, county));
    const grids = [await grid('RANK-G1', await community(ids.county, '排名'), 31), await grid('RANK-G2', await community(ids.other, '另一'), 32)];
    // b and C get the same history: equal scores, a shared rank, and C first in code point order (U+0043 before
    // U+0062), where a locale's collation puts b first.
    const cadres = [['b', 0], ['C', 0], ['甲', 1], ['乙', 2]] as const;
    const adminUser = await em.findOneOrFail(User, { username: 'admin' });
    viewer = (await loadViewer(em, adminUser.id))!;
    const actor: workflow.WorkflowActor = { em, viewer, events: silentNotifier, now: () => new Date(BASE) };
    for (const [n, [name, acts]] of cadres.entries()) {
      const cadre = (await createCadre(em, { name: `排名${name}`, level: CadreLevel.VILLAGE, unit: n % 2 ? '排名一局' : '排名二局' })).id;
      await assignCadre(em, cadre, grids[n % 2]);
      const issue = (await submitReport(em, {
        scope: 'test:ranking',
        actorName: null,
        input: { categoryCode: 'UTILITIES', description: `排名 ${name}`, gridId: grids[n % 2], idempotencyKey: `rank-${n}` },
        events: silentNotifier,
        now: () => new Date(BASE),
      })).issueId;
      await workflow.assignIssue(actor, issue, { cadreId: cadre });
      if (acts > 0) await workflow.startIssue(actor, issue, {});
      if (acts > 1) await workflow.resolveIssue(actor, issue, { resolution: '已处理' });
    }
    token = await t.login('admin');
  });
  afterAll(() => t?.close());

  const period = { from: day(-1).toISOString(), to: day(11).toISOString(), no: false };
  const ask = async (query: string, variables: Record<string, unknown>, headers = { token }) => {
    const res = await t.gql<{ rows: any[] }>(query, variables, headers);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.rows;
  };

  it('gives the very rows, fields and order GraphQL’s resolvers give, for every grouping', async () => {
    for (const groupBy of ['CADRE', 'UNIT', 'REGION']) {
      for (const regionId of [null, ids.city]) {
        statements = [];
        const plain = await ask(PLAIN, { groupBy, regionId, ...period });
        assert.ok(statements.some((sql) => sql.includes(`select ('{' ||`)), 'PostgreSQL wrote the rows’ JSON');
        statements = [];
        const resolved = (await ask(RESOLVED, { groupBy, regionId, ...period })).map(({ further, ...row }) => row);
        assert.ok(statements.some((sql) => sql.includes('json_build_array')), 'the resolver built the rows');
        // By region from the top: the one city; else two counties, two units, four cadres.
        assert.equal(plain.length, groupBy === 'REGION' ? (regionId ? 2 : 1) : groupBy === 'UNIT' ? 2 : 4, `${groupBy}: rows`);
        assert.equal(JSON.stringify(plain), JSON.stringify(resolved), `${groupBy} in ${regionId}`);
        assert.equal(plain[0].__typename, 'PerformanceRow');
        assert.ok(!('skipped' in plain[0]), '@include(if: false) leaves the field out');
      }
    }
  });

  it('ranks by score (equal scores share a rank), then orders by name in code point order', async () => {
    const rows = await ask(PLAIN, { groupBy: 'CADRE', regionId: ids.city, ...period });
    assert.deepEqual(rows.map((r) => r.label), ['排名乙', '排名甲', '排名C', '排名b']);
    assert.deepEqual(rows.map((r) => r.rank), [1, 2, 3, 3]);
    const [done, started, tiedFirst] = rows;
    // 乙 answered and resolved in time: 30 + 35 (no visits); 甲 answered only: 30 / 65; C and b neither: 0.
    assert.deepEqual([done.responseRate, done.resolutionRate, done.satisfactionRate, done.score], [1, 1, null, 100]);
    assert.equal(started.score, ((30 * 1 + 35 * 0) / 65) * 100, 'the same double JavaScript computes');
    assert.deepEqual([tiedFirst.score, tiedFirst.onTimeRate, tiedFirst.cadre], [0, null, { __typename: 'Cadre', id: tiedFirst.id, name: '排名C', level: 'VILLAGE', unit: '排名一局' }]);
    assert.equal(tiedFirst.region, null);
  });

  it('declines selections that reach beyond plain columns, and answers the rest as rows of JSON text', async () => {
    const args = { groupBy: PerformanceGroup.REGION, regionId: ids.city, from: day(-1), to: day(11) };
    const rows = await performanceJson(em.fork(), viewer, args, t.config.performanceWeights, [{ key: 'k', field: 'key' }, { key: 'r', field: 'region', fields: [{ key: 'n', field: 'name' }] }]);
    const byKey = (list: { k: string; r: unknown }[]) => [...list].sort((a, b) => (a.k < b.k ? -1 : 1));
    assert.deepEqual(byKey(JSON.parse(`[${rows!.join(',')}]`)), byKey([{ k: ids.county, r: { n: '排名县' } }, { k: ids.other, r: { n: '另一县' } }]));
    assert.equal(await performanceJson(em.fork(), viewer, args, t.config.performanceWeights, [{ key: 'r', field: 'region', fields: [{ key: 'p', field: 'parent', fields: [{ key: 'id', field: 'id' }] }] }]), null);
  });

  it('sends the rows as chunks of text, in rank order across the chunks', async () => {
    const args = { groupBy: PerformanceGroup.CADRE, regionId: ids.city, from: day(-1), to: day(11) };
    const selection = [{ key: 'label', field: 'name' }, { key: 'rank', field: 'rank' }];
    const whole = await performanceJson(em.fork(), viewer, args, t.config.performanceWeights, selection);
    assert.equal(whole!.length, 1, 'four rows make one chunk');
    const expected = [{ label: '排名乙', rank: 1 }, { label: '排名甲', rank: 2 }, { label: '排名C', rank: 3 }, { label: '排名b', rank: 3 }];
    assert.deepEqual(JSON.parse(`[${whole!.join(',')}]`), expected);
    for (const [chunkRows, pieces] of [[1, 4], [3, 2]]) {
      const chunked = await performanceJson(em.fork(), viewer, args, t.config.performanceWeights, selection, new Date(), chunkRows);
      assert.equal(chunked!.length, pieces, `${chunkRows} row(s) a chunk`);
      assert.deepEqual(JSON.parse(`[${chunked!.join(',')}]`), expected, `${chunkRows} row(s) a chunk`);
    }
  });

  it('writes names in ASCII JSON (\\u escapes), which a client reads as the same strings', async () => {
    const args = { groupBy: PerformanceGroup.CADRE, regionId: ids.city, from: day(-1), to: day(11) };
    const selection = [{ key: 'name', field: 'name' }, { key: 'cadre', field: 'cadre', fields: [{ key: 'name', field: 'name' }, { key: 'unit', field: 'unit' }] }];
    const text = (await performanceJson(em.fork(), viewer, args, t.config.performanceWeights, selection))!.join(',');
    assert.match(text, /^[\x20-\x7e]*$/, 'one byte a character in V8');
    assert.ok(text.includes('"name":"\\u6392\\u540d\\u4e59"'), text);
    assert.deepEqual(JSON.parse(`[${text}]`)[0], { name: '排名乙', cadre: { name: '排名乙', unit: '排名一局' } });
    // Any text: quotes, backslashes, control characters, characters above U+FFFF, the empty string.
    for (const value of ['', 'a"b\\c/d', 'line\nbreak\ttab\u0001\u007f', '排名 😀 𠀀', 'é€']) {
      const [{ json }] = await em.fork().execute<{ json: string }[]>('select lastmeter_json_ascii(?) as json', [value]);
      assert.match(json, /^"[\x20-\x7e]*"$/, JSON.stringify(value));
      assert.equal(JSON.parse(json), value);
    }
    // Kept by PostgreSQL with every write of the name.
    const fork = em.fork();
    const cadre = await createCadre(fork, { name: '改名前', level: CadreLevel.VILLAGE, unit: '某局' });
    await fork.execute('update cadre set name = ? where id = ?', ['改名后"', cadre.id]);
    const [row] = await fork.execute<{ name_json: string; unit_json: string }[]>('select name_json, unit_json from cadre where id = ?', [cadre.id]);
    assert.deepEqual([JSON.parse(row.name_json), JSON.parse(row.unit_json)], ['改名后"', '某局']);
    await fork.execute('delete from cadre where id = ?', [cadre.id]);
  });

  it('reports errors as a resolver would: located at the field, data null', async () => {
    const anonymous = await t.gql<any>(PLAIN, { groupBy: 'CADRE', ...period });
    assert.equal(anonymous.data, null);
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.deepEqual(anonymous.errors?.[0]?.path, ['rows']);
    const unknown = await t.gql<any>(PLAIN, { groupBy: 'CADRE', regionId: '00000000-0000-4000-8000-000000000000', ...period }, { token });
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const backwards = await t.gql<any>(PLAIN, { groupBy: 'CADRE', from: period.to, to: period.from, no: false }, { token });
    assert.equal(backwards.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    // A selection the JSON answer cannot read (a null `if`) is left to the compiled query, as any other field: no 500.
    const nullIf = await t.gql<any>(`query($v: Boolean = true) { performance(groupBy: CADRE) { key @include(if: $v) } }`, { v: null }, { token });
    assert.equal(nullIf.status, 200, JSON.stringify(nullIf));
    assert.ok(Array.isArray(nullIf.data?.performance), JSON.stringify(nullIf));
  });

  it('leaves two root fields to GraphQL, with the same rows', async () => {
    const two = await t.gql<any>(
      `query($from: DateTimeISO, $to: DateTimeISO) { a: performance(groupBy: UNIT, from: $from, to: $to) { key rank } b: performance(groupBy: UNIT, from: $from, to: $to) { key rank } }`,
      { from: period.from, to: period.to },
      { token },
    );
    assert.equal(two.errors, undefined, JSON.stringify(two.errors));
    const one = await ask(PLAIN, { groupBy: 'UNIT', ...period });
    assert.deepEqual(two.data.a, one.map((r) => ({ key: r.id, rank: r.rank })));
    assert.deepEqual(two.data.b, two.data.a);
  });
});
