/**
 * Public issue statistics, aggregated by SQL in the database (never by loading
 * issues): for a region's whole subtree, a grid, or a cadre's duties.
 */
import { IssueStatus } from '../../domain/enums';
import { badInput } from '../../errors';
import type { Context } from '../../server/context';
import { escapeLike } from '../auth/scope';
import type { Cadre } from '../cadres/cadre.entity';
import type { Grid } from '../grids/grid.entity';
import { OPEN_STATUSES_SQL, RESOLVED_STATUSES_SQL, overdueSql } from '../issues/issue-states';
import type { Region } from '../regions/region.entity';
import type { IssueStats } from './issue-stats.type';

export interface StatsRange {
  from?: Date | null;
  to?: Date | null;
}

interface Subject {
  sql: string;
  params: unknown[];
}

interface TotalsRow {
  total: string;
  open: string;
  overdue: string;
  resolved: string;
  on_time: string;
  followed_up: string;
  satisfied: string;
  avg_resolve_hours: string | null;
}

export function regionStats(ctx: Context, region: Region, range: StatsRange): Promise<IssueStats> {
  return computeStats(ctx, { sql: 'i.region_path like ?', params: [`${escapeLike(region.path)}%`] }, range);
}

export function gridStats(ctx: Context, grid: Grid, range: StatsRange): Promise<IssueStats> {
  return computeStats(ctx, { sql: 'i.grid_id = ?', params: [grid.id] }, range);
}

export function cadreStats(ctx: Context, cadre: Cadre, range: StatsRange): Promise<IssueStats> {
  return computeStats(ctx, { sql: 'i.assignee_id = ?', params: [cadre.id] }, range);
}

/** The whole database: `issueStats` with neither region nor grid. */
export function overallStats(ctx: Context, range: StatsRange): Promise<IssueStats> {
  return computeStats(ctx, { sql: 'true', params: [] }, range);
}

async function computeStats(ctx: Context, subject: Subject, range: StatsRange): Promise<IssueStats> {
  if (range.from && range.to && range.from > range.to) throw badInput('from must not be after to.', 'from');
  const where = [subject.sql];
  const params = [...subject.params];
  if (range.from) {
    where.push('i.created_at >= ?');
    params.push(range.from);
  }
  if (range.to) {
    where.push('i.created_at < ?');
    params.push(range.to);
  }
  const condition = where.join(' and ');
  const conn = ctx.em.getConnection();
  const [totals] = await conn.execute<TotalsRow[]>(
    `select count(*) as total,
      count(*) filter (where i.status in ${OPEN_STATUSES_SQL}) as open,
      count(*) filter (where ${overdueSql('i')}) as overdue,
      count(*) filter (where i.status in ${RESOLVED_STATUSES_SQL}) as resolved,
      count(*) filter (where i.status in ${RESOLVED_STATUSES_SQL} and i.resolved_at <= i.resolve_due_at) as on_time,
      count(*) filter (where i.follow_up_satisfaction is not null) as followed_up,
      count(*) filter (where i.follow_up_satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED')) as satisfied,
      avg(extract(epoch from (i.resolved_at - i.created_at)) / 3600.0) filter (where i.status in ${RESOLVED_STATUSES_SQL} and i.resolved_at is not null) as avg_resolve_hours
     from issue i where ${condition}`,
    params,
  );
  const byStatusRows = await conn.execute<{ status: IssueStatus; count: string }[]>(
    `select i.status, count(*) as count from issue i where ${condition} group by i.status order by count(*) desc, i.status`,
    params,
  );
  const byCategoryRows = await conn.execute<{ category_code: string; count: string }[]>(
    `select i.category_code, count(*) as count from issue i where ${condition} group by i.category_code order by count(*) desc, i.category_code`,
    params,
  );
  const total = Number(totals.total);
  const resolved = Number(totals.resolved);
  const followedUp = Number(totals.followed_up);
  const categories = await ctx.loaders.category.loadMany(byCategoryRows.map((r) => r.category_code));
  return {
    total,
    open: Number(totals.open),
    overdue: Number(totals.overdue),
    resolutionRate: total === 0 ? 0 : resolved / total,
    onTimeRate: resolved === 0 ? 0 : Number(totals.on_time) / resolved,
    satisfactionRate: followedUp === 0 ? null : Number(totals.satisfied) / followedUp,
    avgResolveHours: totals.avg_resolve_hours === null ? null : Number(totals.avg_resolve_hours),
    byStatus: byStatusRows.map((r) => ({ status: r.status, count: Number(r.count) })),
    byCategory: byCategoryRows.flatMap((r, i) => {
      const category = categories[i];
      return category && !(category instanceof Error) ? [{ category, count: Number(r.count) }] : [];
    }),
  };
}
