/**
 * GET /exports/issues.csv and .xlsx: the issues a staff member may see, as a
 * spreadsheet. The same IssueFilter, the same scope condition
 * (`issueScopeSql`) and the same masking (`reporterOf`) as the API, never a
 * copy of them. Streamed: pages of 1,000 issues by keyset on (created_at, id),
 * each written before the next is read, waiting for the client when it lags,
 * so a million rows take as little memory as one page. Dates in the
 * deployment's time zone (TIME_ZONE). The .xlsx has a second sheet with the
 * issueStats and the performance (per cadre) figures of the filter.
 */
import type { Writable } from 'node:stream';
import { runSql, sql, type SQL } from '../../db/sql';
import { PerformanceGroup, Role } from '../../domain/enums';
import { AppError, ErrorCode } from '../../errors';
import { audit } from '../audit/audit.service';
import { CONTACT_READ_ACTION } from '../audit/contact-reads';
import type { Context } from '../../server/context';
import { issueScopeSql } from '../auth/scope';
import { requireGrid } from '../grids/grid.service';
import { overdueCondition } from '../issues/issue-states';
import { filterConditions } from '../issues/issue.query';
import type { IssueFilter } from '../issues/issue.type';
import { reporterOf } from '../issues/reporter-privacy';
import { requireRegion } from '../regions/region.service';
import { maySeePerformance, performance, performancePeriod, type PerformanceArgs } from '../performance/performance.service';
import type { PerformanceRowType } from '../performance/performance.type';
import type { IssueStats } from '../stats/issue-stats.type';
import { gridStats, overallStats, regionStats } from '../stats/stats.service';
import { drained } from './backpressure';
import { writeWorkbook, type Cell } from './xlsx-stream';

const PAGE = 1000;
const i = sql.identifier('i');

const STATUS_LABELS: Record<string, string> = {
  SUBMITTED: '待受理',
  ACCEPTED: '已受理',
  ASSIGNED: '已派单',
  IN_PROGRESS: '办理中',
  RESOLVED: '已办结',
  FOLLOWED_UP: '已回访',
  CLOSED: '已关闭',
  REJECTED: '不予受理',
};
const CHANNEL_LABELS: Record<string, string> = {
  WIDGET: '网页组件',
  WECHAT_MINIPROGRAM: '微信小程序',
  GOV_APP: '政务应用',
  RESIDENT_GROUP: '居民群',
  HOUSEHOLD_VISIT: '入户走访',
  PHONE: '电话',
  PATROL: '巡查',
  OPEN311: 'Open311',
};
const SATISFACTION_LABELS: Record<string, string> = { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', UNSATISFIED: '不满意' };

interface ExportRow {
  id: string;
  key_at: string;
  tracking_code: string;
  title: string;
  description: string;
  status: string;
  category_name: string | null;
  channel: string;
  grid_code: string;
  grid_name: string;
  region_name: string;
  address: string | null;
  reporter_anonymous: boolean;
  reporter_name: string | null;
  reporter_phone: string | null;
  grid_id: string;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: string;
  response_due_at: string;
  resolve_due_at: string;
  accepted_at: string | null;
  resolved_at: string | null;
  overdue: boolean;
  resolution: string | null;
  follow_up_satisfaction: string | null;
}

/** The columns, in order: Chinese header and the cell of one row (after masking). */
const COLUMNS: [string, (row: ExportRow, reporter: { name: string | null; phone: string | null }) => string][] = [
  ['受理编号', (r) => r.tracking_code],
  ['标题', (r) => r.title],
  ['描述', (r) => r.description],
  ['状态', (r) => STATUS_LABELS[r.status] ?? r.status],
  ['类别', (r) => r.category_name ?? ''],
  ['渠道', (r) => CHANNEL_LABELS[r.channel] ?? r.channel],
  ['网格编码', (r) => r.grid_code],
  ['网格', (r) => r.grid_name],
  ['社区', (r) => r.region_name],
  ['地址', (r) => r.address ?? ''],
  ['匿名', (r) => (r.reporter_anonymous ? '是' : '否')],
  ['上报人', (_r, p) => p.name ?? ''],
  ['上报人电话', (_r, p) => p.phone ?? ''],
  ['承办干部', (r) => r.assignee_name ?? ''],
  ['上报时间', (r) => r.created_at],
  ['响应时限', (r) => r.response_due_at],
  ['办结时限', (r) => r.resolve_due_at],
  ['受理时间', (r) => r.accepted_at ?? ''],
  ['办结时间', (r) => r.resolved_at ?? ''],
  ['是否超期', (r) => (r.overdue ? '是' : '否')],
  ['办理结果', (r) => r.resolution ?? ''],
  ['回访满意度', (r) => (r.follow_up_satisfaction ? SATISFACTION_LABELS[r.follow_up_satisfaction] ?? r.follow_up_satisfaction : '')],
];
export const EXPORT_HEADERS = COLUMNS.map(([header]) => header);

function localTime(column: SQL, timeZone: string): SQL {
  return sql.fragment`to_char(${column} at time zone ${sql.value(timeZone)}, 'YYYY-MM-DD HH24:MI:SS')`;
}

/** The rows the viewer may see, page by page, as cells (masked by reporterOf). */
export async function* exportRows(ctx: Context, filter: IssueFilter, timeZone: string): AsyncGenerator<string[][]> {
  const conditions = await filterConditions(ctx, filter);
  const scope = issueScopeSql(ctx.viewer, i);
  if (scope) conditions.push(scope);
  const g = sql.identifier('g');
  const r = sql.identifier('r');
  const c = sql.identifier('c');
  const a = sql.identifier('a');
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const keyset = after ? [sql.fragment`(${i}.created_at, ${i}.id) < (${sql.value(after.at)}::timestamptz, ${sql.value(after.id)}::uuid)`] : [];
    const where = [...conditions, ...keyset];
    const rows: ExportRow[] = await runSql<ExportRow>(
      ctx.em,
      sql.query`select ${i}.id, to_char(${i}.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_at,
        ${i}.tracking_code, ${i}.title, ${i}.description, ${i}.status, ${c}.name as category_name, ${i}.channel,
        ${g}.code as grid_code, ${g}.name as grid_name, ${r}.name as region_name, ${i}.address,
        ${i}.reporter_anonymous, ${i}.reporter_name, ${i}.reporter_phone, ${i}.grid_id, ${i}.assignee_id, ${a}.name as assignee_name,
        ${localTime(sql.fragment`${i}.created_at`, timeZone)} as created_at,
        ${localTime(sql.fragment`${i}.response_due_at`, timeZone)} as response_due_at,
        ${localTime(sql.fragment`${i}.resolve_due_at`, timeZone)} as resolve_due_at,
        ${localTime(sql.fragment`${i}.accepted_at`, timeZone)} as accepted_at,
        ${localTime(sql.fragment`${i}.resolved_at`, timeZone)} as resolved_at,
        ${overdueCondition(i)} as overdue, ${i}.resolution, ${i}.follow_up_satisfaction
      from issue ${i}
      join grid ${g} on ${g}.id = ${i}.grid_id
      join region ${r} on ${r}.id = ${g}.region_id
      left join category ${c} on ${c}.code = ${i}.category_code
      left join cadre ${a} on ${a}.id = ${i}.assignee_id
      ${where.length ? sql.fragment`where ${sql.join(where, ' and ')}` : sql.blank}
      order by ${i}.created_at desc, ${i}.id desc
      limit ${sql.value(PAGE)}`,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => {
      const reporter = reporterOf(ctx.viewer, {
        issueId: row.id,
        anonymous: row.reporter_anonymous,
        name: row.reporter_name,
        phone: row.reporter_phone,
        gridId: row.grid_id,
        assigneeId: row.assignee_id,
      });
      return COLUMNS.map(([, cell]) => cell(row, reporter));
    });
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    after = { at: last.key_at, id: last.id };
  }
}

/**
 * An export that may show contact details in full is audited as one entry
 * (as `issues` audits each unmasked read: who, when, which list; never the
 * details), written before the first row leaves.
 */
async function auditExport(ctx: Context, format: string, filter: IssueFilter): Promise<void> {
  if (!ctx.viewer || (ctx.viewer.role === Role.CADRE && !ctx.viewer.cadreId)) return;
  const given = Object.entries(filter).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)).map(([k]) => k);
  audit(ctx.em, ctx.viewer, {
    action: CONTACT_READ_ACTION,
    target: `Export:issues.${format}`,
    summary: `Exported issues${given.length ? ` (filtered by ${given.join(', ')})` : ''}; reporters' contact details in full where this account may see them`,
  });
  await ctx.em.flush();
}

/** The issueStats figures of the filter: by its grid, else its region, else overall, over its created range. */
export async function exportStats(ctx: Context, filter: IssueFilter): Promise<IssueStats> {
  const range = { from: filter.createdAfter ?? null, to: filter.createdBefore ?? null };
  if (filter.gridId) return gridStats(ctx, await requireGrid(ctx.em, filter.gridId, 'gridId'), range);
  if (filter.regionId) return regionStats(ctx, await requireRegion(ctx.em, filter.regionId, 'regionId'), range);
  return overallStats(ctx, range);
}

/** A rate as a percentage with one decimal ('' where it has no base). */
export const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '' : `${(value * 100).toFixed(1)}%`);

function statsRows(stats: IssueStats): Cell[][] {
  return [
    ['问题总数', stats.total],
    ['未办结', stats.open],
    ['超期', stats.overdue],
    ['退单待派', stats.returned],
    ['延期', stats.extended],
    ['办结率', percent(stats.resolutionRate)],
    ['按时办结率', percent(stats.onTimeRate)],
    ['满意率', percent(stats.satisfactionRate)],
    ['平均办结时长（小时）', stats.avgResolveHours === null || stats.avgResolveHours === undefined ? '' : Number(stats.avgResolveHours.toFixed(1))],
    ...stats.byStatus.map((s): [string, number] => [`状态：${STATUS_LABELS[s.status] ?? s.status}`, s.count]),
    ...stats.byCategory.map((s): [string, number] => [`类别：${(s.category as { name?: string }).name ?? ''}`, s.count]),
  ];
}

interface ExportPerformance {
  args: PerformanceArgs & { from: Date; to: Date };
  regionName: string | null;
  /** null: this account may not see performance figures (as `performance` answers FORBIDDEN). */
  rows: PerformanceRowType[] | null;
}

/**
 * The performance(groupBy: CADRE) figures of the filter: its region (a grid's
 * community when it names a grid), its creation dates as the period
 * (performance's own default, the 30 days up to now, where it has none).
 */
export async function exportPerformance(ctx: Context, filter: IssueFilter, now = new Date()): Promise<ExportPerformance> {
  const regionId = filter.regionId ?? (filter.gridId ? (await requireGrid(ctx.em, filter.gridId, 'gridId')).region.id : null);
  const region = regionId ? await requireRegion(ctx.em, regionId, filter.regionId ? 'regionId' : 'gridId') : null;
  const args = { groupBy: PerformanceGroup.CADRE, regionId: region?.id ?? null, ...performancePeriod({ from: filter.createdAfter, to: filter.createdBefore }, now) };
  const regionName = region?.name ?? null;
  if (!ctx.viewer || !maySeePerformance(ctx.viewer)) return { args, regionName, rows: null };
  try {
    return { args, regionName, rows: await performance(ctx.em, ctx.viewer, args, ctx.app.config.performanceWeights, now) };
  } catch (error) {
    // A cadre's filter on a region outside its scope: the issues sheet is empty anyway; no figures.
    if (error instanceof AppError && error.extensions.code === ErrorCode.FORBIDDEN) return { args, regionName, rows: null };
    throw error;
  }
}

export const PERFORMANCE_HEADERS = [
  '排名', '干部', '单位', '派单数', '按时响应', '办结', '按期办结', '退单', '超期', '回访', '满意', '重办',
  '响应率', '解决率', '按期办结率', '满意率', '退单率', '综合得分',
];

/** The performance table for the 统计 sheet: a title row (period, region), the headers, one row per cadre. */
function performanceRows({ args, regionName, rows }: ExportPerformance, timeZone: string): Cell[][] {
  const at = (date: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(date);
  const title: Cell[] = ['考核（按干部）', `派单时间 ${at(args.from)} 至 ${at(args.to)}`, `区划：${regionName ?? '全部（本账号范围）'}`];
  if (!rows) return [title, ['本账号无权查看考核数据']];
  return [
    title,
    PERFORMANCE_HEADERS,
    ...rows.map((r): Cell[] => [
      r.rank, r.name, r.cadre?.unit ?? '', r.assigned, r.respondedOnTime, r.resolved, r.resolvedOnTime, r.returned, r.overdue, r.followedUp,
      r.satisfied, r.reopened, percent(r.responseRate), percent(r.resolutionRate), percent(r.onTimeRate), percent(r.satisfactionRate),
      percent(r.returnRate), r.score === null ? '' : Number(r.score.toFixed(1)),
    ]),
  ];
}

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function writeCsv(ctx: Context, filter: IssueFilter, timeZone: string, out: Writable): Promise<void> {
  await auditExport(ctx, 'csv', filter);
  // The BOM makes Excel read the file as UTF-8 (Chinese headers and names).
  out.write(`\uFEFF${EXPORT_HEADERS.join(',')}\r\n`);
  for await (const page of exportRows(ctx, filter, timeZone)) {
    out.write(page.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n');
    await drained(out, out);
  }
  out.end();
}

export async function writeXlsx(ctx: Context, filter: IssueFilter, timeZone: string, out: Writable): Promise<void> {
  const summary = [...statsRows(await exportStats(ctx, filter)), [], ...performanceRows(await exportPerformance(ctx, filter), timeZone)];
  await auditExport(ctx, 'xlsx', filter);
  await writeWorkbook(
    [
      { name: '问题', pages: withHeader(EXPORT_HEADERS, exportRows(ctx, filter, timeZone)) },
      { name: '统计', pages: [[['指标', '数值'], ...summary]] },
    ],
    out,
  );
}

async function* withHeader(header: string[], pages: AsyncIterable<string[][]>): AsyncGenerator<string[][]> {
  yield [header];
  yield* pages;
}
