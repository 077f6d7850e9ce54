/**
 * Public issue statistics, aggregated by SQL in the database (never by loading
 * issues): for a region's whole subtree, a grid, or a cadre's duties.
 */
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import { IssueStatus } from '../../domain/enums';
import { badInput } from '../../errors';
import type { Context } from '../../server/context';
import { inSubtree } from '../auth/scope';
import type { Cadre } from '../cadres/cadre.entity';
import { toCategoryType } from '../categories/category.service';
import type { Grid } from '../grids/grid.entity';
import type { CategoryRow } from '../issues/issue.row';
import { OPEN_STATUSES, RESOLVED_STATUSES, UNRESOLVED_STATUSES, overdueCondition, statusList } from '../issues/issue-states';
import type { Region } from '../regions/region.entity';
import type { IssueStats } from './issue-stats.type';

export interface StatsRange {
  from?: Date | null;
  to?: Date | null;
}

/** The rows counted: a condition over the roll-ups `r` or the issue table `i`. */
export type Subject = SQL;

interface TotalsRow {
  total: string;
  open: string;
  overdue: string;
  returned: string;
  extended: string;
  resolved: string;
  on_time: string;
  followed_up: string;
  satisfied: string;
  avg_resolve_hours: string | null;
}

/** A region's roll-up rows and its subtree's issues. */
export function regionSubjects(regionPath: string): { rollup: Subject; subtree: Subject } {
  return {
    rollup: sql.fragment`r.region_path = ${sql.value(regionPath)}`,
    subtree: inSubtree(sql.fragment`i`, regionPath),
  };
}

export function regionStats(ctx: Context, region: Pick<Region, 'path'>, range: StatsRange): Promise<IssueStats> {
  const { rollup, subtree } = regionSubjects(region.path);
  if (!range.from && !range.to) return rolledUpStats(ctx, rollup, subtree);
  return computeStats(ctx, subtree, range);
}

export function gridStats(ctx: Context, grid: Pick<Grid, 'id'>, range: StatsRange): Promise<IssueStats> {
  return computeStats(ctx, sql.fragment`i.grid_id = ${sql.value(grid.id)}::uuid`, range);
}

export function cadreStats(ctx: Context, cadre: Pick<Cadre, 'id'>, range: StatsRange): Promise<IssueStats> {
  return computeStats(ctx, sql.fragment`i.assignee_id = ${sql.value(cadre.id)}::uuid`, range);
}

/** The whole database: `issueStats` with neither region nor grid. */
export function overallStats(ctx: Context, range: StatsRange): Promise<IssueStats> {
  // The roll-up rows of top-level regions ('/id/', no second segment) together count every issue.
  if (!range.from && !range.to) return rolledUpStats(ctx, sql.fragment`r.region_path not like '/%/%/'`, sql.fragment`true`);
  return computeStats(ctx, sql.fragment`true`, range);
}

interface RollupRow {
  category_code: string;
  status: IssueStatus;
  issues: string;
  on_time: string;
  followed_up: string;
  satisfied: string;
  resolved_n: string;
  resolved_seconds: string;
  overdue: string;
  /** The category's whole row (the statement builds every field), so byCategory needs no statement of its own. */
  category: Required<CategoryRow> | null;
}

const UNRESOLVED = statusList(UNRESOLVED_STATUSES);
const RESOLVED = statusList(RESOLVED_STATUSES);

/**
 * All-time figures from the roll-ups the database keeps by trigger (a few hundred rows
 * whatever the number of issues), in one statement with the overdue count: unresolved
 * issues due before today from the overdue roll-up, and live (partial indexes) only
 * today's passed resolve deadlines and SUBMITTED issues past their response deadline.
 * Exactly what {@link computeStats} computes from the issue table, which the tests check.
 * `now` is the application's clock, not the database's, so tests can stand at any hour.
 */
export function rolledUpStatsStatement(rollup: Subject, issues: Subject, now: Date = new Date()): SQL {
  return sql.query`with clock as (select ${timestamptz(now)} as now),
       today as (select date_trunc('day', (select now from clock) at time zone 'UTC') at time zone 'UTC' as starts)
     select o.overdue, r.category_code, r.status, r.issues, r.on_time, r.followed_up, r.satisfied, r.resolved_n, r.resolved_seconds,
       case when c.code is null then null else json_build_object('code', c.code, 'name', c.name, 'nameEn', c.name_en, 'group', c."group",
         'responseHours', c.response_hours, 'resolveHours', c.resolve_hours, 'requiresAfterPhoto', c.requires_after_photo,
         'responseLimit', json_build_object('amount', c.response_limit_amount, 'unit', c.response_limit_unit),
         'resolveLimit', json_build_object('amount', c.resolve_limit_amount, 'unit', c.resolve_limit_unit)) end as category
     from (select
       (select coalesce(sum(r.issues), 0) from issue_overdue_rollup r where ${rollup} and r.due_day < (select (starts at time zone 'UTC')::date from today))
       + (select count(*) from issue i where i.status in ${UNRESOLVED} and i.resolve_due_at >= (select starts from today)
          and i.resolve_due_at < (select now from clock) and ${issues})
       -- offset 0 keeps the planner on the response-deadline index, which holds resolve_due_at too (no heap reads)
       + (select count(*) from (select i.resolve_due_at from issue i where i.status = 'SUBMITTED' and i.response_due_at < (select now from clock)
          and ${issues} offset 0) s where s.resolve_due_at >= (select now from clock))
       as overdue) o
     left join issue_stats_rollup r on r.issues > 0 and ${rollup}
     left join category c on c.code = r.category_code`;
}

async function rolledUpStats(ctx: Context, rollup: Subject, issues: Subject): Promise<IssueStats> {
  const rows = await runSql<RollupRow>(ctx.em, rolledUpStatsStatement(rollup, issues, ctx.app.clock.now()));
  const byStatus = new Map<IssueStatus, number>();
  const byCategory = new Map<string, number>();
  let total = 0;
  let open = 0;
  let resolved = 0;
  let onTime = 0;
  let followedUp = 0;
  let satisfied = 0;
  let resolvedN = 0;
  let resolvedSeconds = 0;
  const categoryByCode = new Map<string, Required<CategoryRow>>();
  for (const row of rows) {
    if (row.status === null) continue;
    if (row.category) categoryByCode.set(row.category_code, row.category);
    const n = Number(row.issues);
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + n);
    // A merged duplicate is the same problem as its primary: counted once, under the primary.
    if (row.status === IssueStatus.MERGED) continue;
    total += n;
    if (OPEN_STATUSES.includes(row.status)) open += n;
    if (RESOLVED_STATUSES.includes(row.status)) resolved += n;
    onTime += Number(row.on_time);
    followedUp += Number(row.followed_up);
    satisfied += Number(row.satisfied);
    resolvedN += Number(row.resolved_n);
    resolvedSeconds += Number(row.resolved_seconds);
    byCategory.set(row.category_code, (byCategory.get(row.category_code) ?? 0) + n);
  }
  // The same order as the SQL of computeStats: most first, then by name.
  const ordered = <K extends string>(map: Map<K, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const categoryRows = ordered(byCategory);
  const [extended] = await runSql<{ n: string }>(ctx.em, sql.query`select count(*) as n from issue i where i.extended_to is not null and ${issues}`);
  return {
    total,
    open,
    returned: byStatus.get(IssueStatus.RETURNED) ?? 0,
    extended: Number(extended.n),
    overdue: Number(rows[0]?.overdue ?? 0),
    resolutionRate: total === 0 ? 0 : resolved / total,
    onTimeRate: resolved === 0 ? 0 : onTime / resolved,
    satisfactionRate: followedUp === 0 ? null : satisfied / followedUp,
    avgResolveHours: resolvedN === 0 ? null : resolvedSeconds / resolvedN / 3600,
    byStatus: ordered(byStatus).map(([status, count]) => ({ status, count })),
    byCategory: categoryRows.flatMap(([code, count]) => {
      const category = categoryByCode.get(code);
      return category ? [{ category, count }] : [];
    }),
    smallCountsHidden: false,
  };
}

/** Public statistics over a window: counts below this are shown as 0. */
export const SMALL_COUNT = 5;

/**
 * For callers without a staff token, a time window is whole UTC days: a
 * millisecond window around one issue would tell when it was reported and
 * what became of it.
 */
function requireWholeDays(range: StatsRange): void {
  for (const field of ['from', 'to'] as const) {
    const value = range[field];
    if (value && value.getTime() % 86_400_000 !== 0) {
      throw badInput(`Public statistics take whole days: ${field} must be a midnight (UTC), e.g. 2026-12-01T00:00:00Z. Staff may use any time.`, field);
    }
  }
}

/** Counts below {@link SMALL_COUNT} become 0, and rates over fewer issues 0 or null (k-anonymity for public windows). */
function hideSmallCounts(stats: IssueStats, denominators: { resolved: number; followedUp: number }): IssueStats {
  const hide = (n: number) => (n > 0 && n < SMALL_COUNT ? 0 : n);
  const enough = (n: number) => n >= SMALL_COUNT;
  return {
    ...stats,
    total: hide(stats.total),
    open: hide(stats.open),
    overdue: hide(stats.overdue),
    returned: hide(stats.returned),
    extended: hide(stats.extended),
    resolutionRate: enough(stats.total) ? stats.resolutionRate : 0,
    onTimeRate: enough(denominators.resolved) ? stats.onTimeRate : 0,
    satisfactionRate: enough(denominators.followedUp) ? stats.satisfactionRate : null,
    avgResolveHours: enough(denominators.resolved) ? stats.avgResolveHours : null,
    byStatus: stats.byStatus.map((row) => ({ ...row, count: hide(row.count) })),
    byCategory: stats.byCategory.map((row) => ({ ...row, count: hide(row.count) })),
    smallCountsHidden: true,
  };
}

async function computeStats(ctx: Context, subject: Subject, range: StatsRange): Promise<IssueStats> {
  if (range.from && range.to && range.from > range.to) throw badInput('from must not be after to.', 'from');
  const publicWindow = !ctx.viewer && Boolean(range.from || range.to);
  if (publicWindow) requireWholeDays(range);
  const where = [subject];
  if (range.from) where.push(sql.fragment`i.created_at >= ${timestamptz(range.from)}`);
  if (range.to) where.push(sql.fragment`i.created_at < ${timestamptz(range.to)}`);
  const condition = sql.join(where, ' and ');
  const i = sql.fragment`i`;
  const [totals] = await runSql<TotalsRow>(
    ctx.em,
    sql.query`select count(*) filter (where i.status <> 'MERGED') as total,
      count(*) filter (where i.status in ${statusList(OPEN_STATUSES)}) as open,
      count(*) filter (where i.status = 'RETURNED') as returned,
      count(*) filter (where i.extended_to is not null) as extended,
      count(*) filter (where ${overdueCondition(i, ctx.app.clock.now())}) as overdue,
      count(*) filter (where i.status in ${RESOLVED}) as resolved,
      count(*) filter (where i.status in ${RESOLVED} and i.resolved_at <= i.resolve_due_at) as on_time,
      count(*) filter (where i.follow_up_satisfaction is not null) as followed_up,
      count(*) filter (where i.follow_up_satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED')) as satisfied,
      avg(extract(epoch from (i.resolved_at - i.created_at)) / 3600.0) filter (where i.status in ${RESOLVED} and i.resolved_at is not null) as avg_resolve_hours
     from issue i where ${condition}`,
  );
  const byStatusRows = await runSql<{ status: IssueStatus; count: string }>(
    ctx.em,
    sql.query`select i.status, count(*) as count from issue i where ${condition} group by i.status order by count(*) desc, i.status`,
  );
  // A merged duplicate is counted once, under its primary (as `total` and the roll-ups count it).
  const byCategoryRows = await runSql<{ category_code: string; count: string }>(
    ctx.em,
    sql.query`select i.category_code, count(*) as count from issue i where ${condition} and i.status <> 'MERGED'
     group by i.category_code order by count(*) desc, i.category_code`,
  );
  const total = Number(totals.total);
  const resolved = Number(totals.resolved);
  const followedUp = Number(totals.followed_up);
  const categories = await ctx.loaders.category.loadMany(byCategoryRows.map((r) => r.category_code));
  const stats: IssueStats = {
    total,
    open: Number(totals.open),
    returned: Number(totals.returned),
    extended: Number(totals.extended),
    overdue: Number(totals.overdue),
    resolutionRate: total === 0 ? 0 : resolved / total,
    onTimeRate: resolved === 0 ? 0 : Number(totals.on_time) / resolved,
    satisfactionRate: followedUp === 0 ? null : Number(totals.satisfied) / followedUp,
    avgResolveHours: totals.avg_resolve_hours === null ? null : Number(totals.avg_resolve_hours),
    byStatus: byStatusRows.map((r) => ({ status: r.status, count: Number(r.count) })),
    byCategory: byCategoryRows.flatMap((r, i) => {
      const category = categories[i];
      return category && !(category instanceof Error) ? [{ category: toCategoryType(category), count: Number(r.count) }] : [];
    }),
    smallCountsHidden: false,
  };
  return publicWindow ? hideSmallCounts(stats, { resolved, followedUp }) : stats;
}
