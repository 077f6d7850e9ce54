/**
 * Issue statistics (stats.service.ts) called directly, on a fixture whose figures are worked out by
 * hand below, with a pinned clock: the roll-ups (no range) and the direct computation (a range) must
 * give those figures, and each other's; public windows hide small counts.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../api/src/modules/auth/viewer';
import { cadreStats, gridStats, overallStats, regionStats, type StatsRange } from '../../api/src/modules/stats/stats.service';
import type { IssueStats } from '../../api/src/modules/stats/issue-stats.type';
import type { Context } from '../../api/src/server/context';
import { createLoaders } from '../../api/src/server/loaders';
import type { AppServices } from '../../api/src/server/services';
import { TestClock } from '../support/clock';
import type { FixtureGrid } from '../support/fixtures';
import { openDirectDatabase, type DirectDatabase } from '../support/direct-db';

const HOUR = 3_600_000;
/** The clock: noon (UTC) on 10 June 2026. "Today" began 12 hours earlier. */
const NOW = new Date('2026-06-10T12:00:00.000Z');
const h = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const EVERYTHING: StatsRange = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

/** What a statistics call answers, in plain values (category rows by code). */
function figures(stats: IssueStats) {
  return { ...stats, byCategory: stats.byCategory.map((row) => ({ code: row.category.code, count: row.count })) };
}

describe('issue statistics, called directly, against hand-computed figures', () => {
  let d: DirectDatabase;
  let R: FixtureGrid; // a top-level region with a grid of its own (GR)…
  let S: FixtureGrid; // …and a child region with a grid (GS)
  let Q: FixtureGrid; // another top-level region
  let cadre: string;
  const clock = new TestClock(NOW);
  const staff = { userId: 'staff' } as unknown as Viewer;

  /** The context a resolver gets, as far as statistics read it: the database, the clock, the viewer (or none), the loaders. */
  function ctx(viewer: Viewer | null = staff): Context {
    const em = d.em();
    return { em, app: { clock } as Pick<AppServices, 'clock'>, viewer, loaders: createLoaders(em) } as unknown as Context;
  }

  async function issue(
    grid: FixtureGrid,
    category: string,
    status: string,
    hours: { created: number; response: number; resolve: number | Date },
    extra: { resolvedAfter?: number; satisfaction?: string; extended?: boolean; assignee?: string; mergedInto?: string } = {},
  ): Promise<string> {
    const created = h(hours.created);
    const id = await d.fixtures.issue({
      grid,
      categoryCode: category,
      status,
      assigneeId: extra.assignee ?? null,
      createdAt: created,
      responseDueAt: h(hours.response),
      resolveDueAt: hours.resolve instanceof Date ? hours.resolve : h(hours.resolve),
    });
    if (extra.resolvedAfter !== undefined) {
      await d.sql('update issue set resolved_at = ? where id = ?', [new Date(created.getTime() + extra.resolvedAfter * HOUR), id]);
    }
    if (extra.satisfaction) await d.sql(`update issue set follow_up_method = 'PHONE', follow_up_satisfaction = ? where id = ?`, [extra.satisfaction, id]);
    if (extra.extended) await d.sql('update issue set extended_to = resolve_due_at where id = ?', [id]);
    if (extra.mergedInto) await d.sql('update issue set merged_into_id = ? where id = ?', [extra.mergedInto, id]);
    return id;
  }

  beforeAll(async () => {
    d = await openDirectDatabase();
    R = await d.fixtures.grid();
    S = await d.fixtures.grid({ parentPath: R.regionPath });
    Q = await d.fixtures.grid();
    cadre = await d.fixtures.cadre();
    // Region R, grid GR.                                                     created  response  resolve
    await issue(R, 'GARBAGE', 'RESOLVED', { created: -50, response: -49, resolve: -26 }, { resolvedAfter: 10 }); // a: on time
    await issue(R, 'GARBAGE', 'CLOSED', { created: -50, response: -49, resolve: -26 }, { resolvedAfter: 30, satisfaction: 'SATISFIED' }); // b: late
    await issue(R, 'UTILITIES', 'FOLLOWED_UP', { created: -50, response: -49, resolve: -26 }, { resolvedAfter: 20, satisfaction: 'UNSATISFIED' }); // c
    // d: missed its resolve deadline yesterday (the overdue roll-up), extended.
    await issue(R, 'UTILITIES', 'IN_PROGRESS', { created: -50, response: -49, resolve: -26 }, { extended: true, assignee: cadre });
    // e: missed its response deadline an hour ago; resolve deadline to come.
    await issue(R, 'GARBAGE', 'SUBMITTED', { created: -2, response: -1, resolve: 22 }, { assignee: cadre });
    // l: missed both, the resolve one earlier today: overdue once.
    await issue(R, 'GARBAGE', 'SUBMITTED', { created: -4, response: -3, resolve: -2 });
    // o: due at the last millisecond of yesterday.
    await issue(R, 'UTILITIES', 'ACCEPTED', { created: -30, response: -29, resolve: new Date('2026-06-09T23:59:59.999Z') });
    // Region S (in R), grid GS.
    const f = await issue(S, 'GARBAGE', 'ASSIGNED', { created: -20, response: -19, resolve: -1 }, { assignee: cadre }); // f: due earlier today
    await issue(S, 'DISPUTE', 'RETURNED', { created: -10, response: -9, resolve: 100 }); // g
    await issue(S, 'GARBAGE', 'MERGED', { created: -10, response: -9, resolve: -5 }, { mergedInto: f }); // h: counted under f
    await issue(S, 'DISPUTE', 'REJECTED', { created: -5, response: -4, resolve: -1 }); // i: no deadline runs
    await issue(S, 'GARBAGE', 'SUBMITTED', { created: -3, response: -1, resolve: 0 }); // m: resolve due this very instant (not missed yet)
    await issue(S, 'OTHER', 'IN_PROGRESS', { created: -30, response: -29, resolve: new Date('2026-06-10T00:00:00.000Z') }); // n: due at today's first instant
    // Region Q.
    await issue(Q, 'GARBAGE', 'SUBMITTED', { created: -100, response: -99, resolve: -76 }); // j
    await issue(Q, 'OTHER', 'RESOLVED', { created: -100, response: -99, resolve: -76 }, { resolvedAfter: 5, satisfaction: 'BASICALLY_SATISFIED' }); // k
  });
  afterAll(() => d?.close());

  /** Region R's whole subtree: a, b, c, d, e, l, o, f, g, h (merged), i, m, n. */
  const REGION_R = {
    total: 12,
    open: 10, // all but b (closed), i (rejected) and h (merged)
    returned: 1,
    extended: 1,
    overdue: 7, // d, e, l, o, f, m (response), n
    resolutionRate: 3 / 12,
    onTimeRate: 2 / 3, // a and c of a, b, c
    satisfactionRate: 1 / 2, // b of b, c
    avgResolveHours: (10 + 30 + 20) / 3,
    byStatus: [
      { status: 'SUBMITTED', count: 3 },
      { status: 'IN_PROGRESS', count: 2 },
      ...['ACCEPTED', 'ASSIGNED', 'CLOSED', 'FOLLOWED_UP', 'MERGED', 'REJECTED', 'RESOLVED', 'RETURNED'].map((status) => ({ status, count: 1 })),
    ],
    byCategory: [
      { code: 'GARBAGE', count: 6 },
      { code: 'UTILITIES', count: 3 },
      { code: 'DISPUTE', count: 2 },
      { code: 'OTHER', count: 1 },
    ],
    smallCountsHidden: false,
  };

  it('a region’s figures from the roll-ups are the hand-computed ones', async () => {
    assert.deepEqual(figures(await regionStats(ctx(), { path: R.regionPath }, {})), REGION_R);
  });

  it('a region’s figures computed from the issues (a range) are the same', async () => {
    assert.deepEqual(figures(await regionStats(ctx(), { path: R.regionPath }, EVERYTHING)), REGION_R);
    assert.deepEqual(figures(await regionStats(ctx(), { path: R.regionPath }, { from: EVERYTHING.from })), REGION_R);
    assert.deepEqual(figures(await regionStats(ctx(), { path: R.regionPath }, { to: EVERYTHING.to })), REGION_R);
  });

  it('a child region counts its own subtree only, both ways', async () => {
    const expected = {
      total: 5,
      open: 4,
      returned: 1,
      extended: 0,
      overdue: 3,
      resolutionRate: 0,
      onTimeRate: 0,
      satisfactionRate: null,
      avgResolveHours: null,
      byStatus: ['ASSIGNED', 'IN_PROGRESS', 'MERGED', 'REJECTED', 'RETURNED', 'SUBMITTED'].map((status) => ({ status, count: 1 })),
      byCategory: [
        { code: 'DISPUTE', count: 2 }, // as many as GARBAGE (f, m; h merged into f): by code
        { code: 'GARBAGE', count: 2 },
        { code: 'OTHER', count: 1 },
      ],
      smallCountsHidden: false,
    };
    assert.deepEqual(figures(await regionStats(ctx(), { path: S.regionPath }, {})), expected);
    assert.deepEqual(figures(await regionStats(ctx(), { path: S.regionPath }, EVERYTHING)), expected);
    assert.deepEqual(figures(await gridStats(ctx(), { id: S.id }, EVERYTHING)), expected, 'the grid is the whole region');
    assert.deepEqual(figures(await gridStats(ctx(), { id: S.id }, {})), expected);
  });

  it('overall figures count every region, both ways', async () => {
    const expected = {
      total: 14,
      open: 12,
      returned: 1,
      extended: 1,
      overdue: 8,
      resolutionRate: 4 / 14,
      onTimeRate: 3 / 4,
      satisfactionRate: 2 / 3,
      avgResolveHours: (10 + 30 + 20 + 5) / 4,
      byStatus: [
        { status: 'SUBMITTED', count: 4 },
        { status: 'IN_PROGRESS', count: 2 },
        { status: 'RESOLVED', count: 2 },
        ...['ACCEPTED', 'ASSIGNED', 'CLOSED', 'FOLLOWED_UP', 'MERGED', 'REJECTED', 'RETURNED'].map((status) => ({ status, count: 1 })),
      ],
      byCategory: [
        { code: 'GARBAGE', count: 7 },
        { code: 'UTILITIES', count: 3 },
        { code: 'DISPUTE', count: 2 },
        { code: 'OTHER', count: 2 },
      ],
      smallCountsHidden: false,
    };
    assert.deepEqual(figures(await overallStats(ctx(), {})), expected);
    assert.deepEqual(figures(await overallStats(ctx(), EVERYTHING)), expected);
  });

  it('a cadre’s duties: the issues assigned to them', async () => {
    assert.deepEqual(figures(await cadreStats(ctx(), { id: cadre }, {})), {
      total: 3,
      open: 3,
      returned: 0,
      extended: 1,
      overdue: 3,
      resolutionRate: 0,
      onTimeRate: 0,
      satisfactionRate: null,
      avgResolveHours: null,
      byStatus: ['ASSIGNED', 'IN_PROGRESS', 'SUBMITTED'].map((status) => ({ status, count: 1 })),
      byCategory: [
        { code: 'GARBAGE', count: 2 },
        { code: 'UTILITIES', count: 1 },
      ],
      smallCountsHidden: false,
    });
  });

  it('a window counts the issues reported in [from, to), overdue by the clock', async () => {
    // From 30 h to 2 h ago: o and n (reported exactly 30 h ago) are in; e (exactly 2 h ago) and a, b, c, d are out.
    const expected = {
      total: 7, // l, o, n, f, g, i, m (h merged)
      open: 6,
      returned: 1,
      extended: 0,
      overdue: 5, // l, o, n, f, m
      resolutionRate: 0,
      onTimeRate: 0,
      satisfactionRate: null,
      avgResolveHours: null,
      byStatus: [
        { status: 'SUBMITTED', count: 2 },
        ...['ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'MERGED', 'REJECTED', 'RETURNED'].map((status) => ({ status, count: 1 })),
      ],
      byCategory: [
        { code: 'GARBAGE', count: 3 },
        { code: 'DISPUTE', count: 2 },
        { code: 'OTHER', count: 1 },
        { code: 'UTILITIES', count: 1 },
      ],
      smallCountsHidden: false,
    };
    assert.deepEqual(figures(await regionStats(ctx(), { path: R.regionPath }, { from: h(-30), to: h(-2) })), expected);
    // Later by the clock the window holds the same issues, but g (due 100 h after NOW) has missed its deadline too.
    clock.set(h(101));
    try {
      const later = figures(await regionStats(ctx(), { path: R.regionPath }, { from: h(-30), to: h(-2) }));
      assert.deepEqual([later.total, later.overdue], [7, 6]);
    } finally {
      clock.set(NOW);
    }
  });

  it('refuses a window that ends before it starts; an empty one is allowed', async () => {
    assert.equal((await regionStats(ctx(), { path: R.regionPath }, { from: h(-10), to: h(-10) })).total, 0);
    await assert.rejects(regionStats(ctx(), { path: R.regionPath }, { from: h(0), to: h(-1) }), (error: any) => {
      assert.equal(error.extensions.code, 'BAD_USER_INPUT');
      assert.equal(error.extensions.field, 'from');
      assert.equal(error.message, 'from must not be after to.');
      return true;
    });
  });
});

describe('statistics of a region with no issues', () => {
  let d: DirectDatabase;
  beforeAll(async () => {
    d = await openDirectDatabase();
  });
  afterAll(() => d?.close());

  it('are zeros and empty lists, from the roll-ups and computed alike', async () => {
    const empty = await d.fixtures.grid();
    const em = d.em();
    const context = { em, app: { clock: new TestClock(NOW) } as Pick<AppServices, 'clock'>, viewer: null, loaders: createLoaders(em) } as unknown as Context;
    const zero = {
      total: 0,
      open: 0,
      returned: 0,
      extended: 0,
      overdue: 0,
      resolutionRate: 0,
      onTimeRate: 0,
      satisfactionRate: null,
      avgResolveHours: null,
      byStatus: [],
      byCategory: [],
      smallCountsHidden: false,
    };
    assert.deepEqual(figures(await regionStats(context, { path: empty.regionPath }, {})), zero);
    assert.deepEqual(figures(await overallStats(context, {})), zero);
    assert.deepEqual(figures(await gridStats(context, { id: empty.id }, {})), zero);
  });
});

/**
 * Public windows (no staff token): whole UTC days only, and counts below 5 shown as 0, rates over
 * fewer than 5 issues as 0 or null. Region P: on 1 June five issues resolved in 2 h, on time, all
 * followed up (4 satisfied); on 2 June two resolved (2 h on time, 30 h late; one followed up,
 * satisfied) and two still SUBMITTED past their deadline; on 3 June one returned after an extension.
 */
describe('public statistics windows', () => {
  let d: DirectDatabase;
  let P: FixtureGrid;
  const clock = new TestClock(NOW);
  const staff = { userId: 'staff' } as unknown as Viewer;
  const day = (n: number) => new Date(Date.UTC(2026, 5, n));
  function ctx(viewer: Viewer | null): Context {
    const em = d.em();
    return { em, app: { clock } as Pick<AppServices, 'clock'>, viewer, loaders: createLoaders(em) } as unknown as Context;
  }
  const stats = (viewer: Viewer | null, range: StatsRange) => regionStats(ctx(viewer), { path: P.regionPath }, range).then(figures);

  beforeAll(async () => {
    d = await openDirectDatabase();
    P = await d.fixtures.grid();
    const resolved = async (created: Date, hours: number, satisfaction?: string) => {
      const id = await d.fixtures.issue({
        grid: P,
        status: 'RESOLVED',
        createdAt: created,
        responseDueAt: new Date(created.getTime() + HOUR),
        resolveDueAt: new Date(created.getTime() + 24 * HOUR),
      });
      await d.sql('update issue set resolved_at = ? where id = ?', [new Date(created.getTime() + hours * HOUR), id]);
      if (satisfaction) await d.sql(`update issue set follow_up_method = 'PHONE', follow_up_satisfaction = ? where id = ?`, [satisfaction, id]);
    };
    for (const [n, satisfaction] of ['SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'SATISFIED', 'UNSATISFIED'].entries()) {
      await resolved(new Date(day(1).getTime() + (n + 1) * HOUR), 2, satisfaction);
    }
    await resolved(new Date(day(2).getTime() + HOUR), 2, 'SATISFIED');
    await resolved(new Date(day(2).getTime() + 2 * HOUR), 30);
    // On 3 June one issue, returned (退单) after an extension (延期), now past its deadline.
    const returned = await d.fixtures.issue({ grid: P, status: 'RETURNED', createdAt: day(3), responseDueAt: day(3), resolveDueAt: day(4) });
    await d.sql('update issue set extended_to = resolve_due_at where id = ?', [returned]);
    for (const hour of [3, 4]) {
      const created = new Date(day(2).getTime() + hour * HOUR);
      await d.fixtures.issue({ grid: P, createdAt: created, responseDueAt: new Date(created.getTime() + HOUR), resolveDueAt: new Date(created.getTime() + 24 * HOUR) });
    }
  });
  afterAll(() => d?.close());

  it('show counts and rates of 5 or more issues', async () => {
    assert.deepEqual(await stats(null, { from: day(1), to: day(2) }), {
      total: 5,
      open: 5,
      returned: 0,
      extended: 0,
      overdue: 0,
      resolutionRate: 1,
      onTimeRate: 1,
      satisfactionRate: 4 / 5,
      avgResolveHours: 2,
      byStatus: [{ status: 'RESOLVED', count: 5 }],
      byCategory: [{ code: 'GARBAGE', count: 5 }],
      smallCountsHidden: true,
    });
  });

  it('hide counts and rates of fewer than 5', async () => {
    assert.deepEqual(await stats(null, { from: day(2), to: day(3) }), {
      total: 0, // 4
      open: 0, // 4
      returned: 0,
      extended: 0,
      overdue: 0, // 2
      resolutionRate: 0, // 2 of 4
      onTimeRate: 0, // 1 of 2
      satisfactionRate: null, // 1 of 1
      avgResolveHours: null, // 16
      byStatus: [
        { status: 'RESOLVED', count: 0 },
        { status: 'SUBMITTED', count: 0 },
      ],
      byCategory: [{ code: 'GARBAGE', count: 0 }],
      smallCountsHidden: true,
    });
    // The same window for staff: every figure.
    assert.deepEqual(await stats(staff, { from: day(2), to: day(3) }), {
      total: 4,
      open: 4,
      returned: 0,
      extended: 0,
      overdue: 2,
      resolutionRate: 2 / 4,
      onTimeRate: 1 / 2,
      satisfactionRate: 1,
      avgResolveHours: 16,
      byStatus: [
        { status: 'RESOLVED', count: 2 },
        { status: 'SUBMITTED', count: 2 },
      ],
      byCategory: [{ code: 'GARBAGE', count: 4 }],
      smallCountsHidden: false,
    });
  });

  it('hide every count, the returned and extended ones too', async () => {
    const zero = { total: 0, open: 0, returned: 0, extended: 0, overdue: 0, resolutionRate: 0, onTimeRate: 0, satisfactionRate: null, avgResolveHours: null };
    assert.deepEqual(await stats(null, { from: day(3), to: day(4) }), {
      ...zero,
      byStatus: [{ status: 'RETURNED', count: 0 }],
      byCategory: [{ code: 'GARBAGE', count: 0 }],
      smallCountsHidden: true,
    });
    assert.deepEqual(await stats(staff, { from: day(3), to: day(4) }), {
      ...zero,
      total: 1,
      open: 1,
      returned: 1,
      extended: 1,
      overdue: 1,
      byStatus: [{ status: 'RETURNED', count: 1 }],
      byCategory: [{ code: 'GARBAGE', count: 1 }],
      smallCountsHidden: false,
    });
  });

  it('judge each figure by its own denominator', async () => {
    // Both days: 9 issues, 7 resolved (6 on time), 6 followed up (5 satisfied), 2 overdue.
    assert.deepEqual(await stats(null, { from: day(1), to: day(3) }), {
      total: 9,
      open: 9,
      returned: 0,
      extended: 0,
      overdue: 0,
      resolutionRate: 7 / 9,
      onTimeRate: 6 / 7,
      satisfactionRate: 5 / 6,
      avgResolveHours: (6 * 2 + 30) / 7,
      byStatus: [
        { status: 'RESOLVED', count: 7 },
        { status: 'SUBMITTED', count: 0 },
      ],
      byCategory: [{ code: 'GARBAGE', count: 9 }],
      smallCountsHidden: true,
    });
  });

  it('hide small counts with only one end of the window given too, and not without a window', async () => {
    assert.equal((await stats(null, { from: day(2) })).smallCountsHidden, true);
    assert.equal((await stats(null, { to: day(2) })).smallCountsHidden, true);
    assert.equal((await overallStats(ctx(null), { from: day(2) })).smallCountsHidden, true);
    assert.equal((await overallStats(ctx(null), { to: day(2) })).smallCountsHidden, true);
    const whole = await gridStats(ctx(null), { id: P.id }, {});
    assert.deepEqual([whole.smallCountsHidden, whole.overdue], [false, 3]);
  });

  it('take whole UTC days only from the public, any instant from staff', async () => {
    for (const [range, field] of [
      [{ from: new Date(day(1).getTime() + 1), to: day(2) }, 'from'],
      [{ from: day(1), to: new Date(day(2).getTime() - 1) }, 'to'],
      [{ to: new Date(day(2).getTime() + HOUR) }, 'to'],
    ] as const) {
      await assert.rejects(stats(null, range), (error: any) => {
        assert.equal(error.extensions.code, 'BAD_USER_INPUT');
        assert.equal(error.extensions.field, field);
        assert.match(error.message, new RegExp(`Public statistics take whole days: ${field} must be a midnight`));
        return true;
      });
    }
    assert.equal((await stats(staff, { from: new Date(day(1).getTime() + 1), to: new Date(day(2).getTime() - 1) })).total, 5);
  });
});
