/**
 * GET /exports/issues.csv and .xlsx: the issues a staff member may see, as a
 * spreadsheet. The same IssueFilter, the same scope condition
 * (`issueScopeSql`) and the same masking (`reporterOf`) as the API, never a
 * copy of them. Streamed: pages of 1,000 issues by keyset on (created_at, id),
 * each written before the next is read, waiting for the client when it lags,
 * so a million rows take as little memory as one page. Dates in the
 * deployment's time zone (TIME_ZONE). The .xlsx has a second sheet with the
 * issueStats figures of the filter.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { runSql, sql, type SQL } from '../../db/sql';
import { Role } from '../../domain/enums';
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
import type { IssueStats } from '../stats/issue-stats.type';
import { gridStats, overallStats, regionStats } from '../stats/stats.service';

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

function statsRows(stats: IssueStats): [string, string | number][] {
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? '' : `${(value * 100).toFixed(1)}%`);
  return [
    ['问题总数', stats.total],
    ['未办结', stats.open],
    ['超期', stats.overdue],
    ['办结率', percent(stats.resolutionRate)],
    ['按时办结率', percent(stats.onTimeRate)],
    ['满意率', percent(stats.satisfactionRate)],
    ['平均办结时长（小时）', stats.avgResolveHours === null || stats.avgResolveHours === undefined ? '' : Number(stats.avgResolveHours.toFixed(1))],
    ...stats.byStatus.map((s): [string, number] => [`状态：${STATUS_LABELS[s.status] ?? s.status}`, s.count]),
    ...stats.byCategory.map((s): [string, number] => [`类别：${(s.category as { name?: string }).name ?? ''}`, s.count]),
  ];
}

/** Waits while the client has not taken what was written (the bound on memory). */
function drained(out: Writable): Promise<void> {
  return out.writableNeedDrain ? new Promise((resolve) => out.once('drain', resolve)) : Promise.resolve();
}

/**
 * exceljs's worksheet stream hands its 64 KB chunks to the zip entry without
 * looking at the answer of write(), so a fast producer would queue the whole
 * sheet in front of the compressor. Wait until the entry (the worksheet
 * stream's `pipes`, exceljs internals read defensively) has taken them.
 */
async function sheetDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) {
    while (pipe.writableNeedDrain) await new Promise((resolve) => pipe.once('drain', resolve));
  }
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
    await drained(out);
  }
  out.end();
}

export async function writeXlsx(ctx: Context, filter: IssueFilter, timeZone: string, out: Writable): Promise<void> {
  const stats = await exportStats(ctx, filter);
  await auditExport(ctx, 'xlsx', filter);
  // Streaming writer: rows are zipped out as they are committed; no shared strings table kept in memory.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('问题');
  sheet.addRow(EXPORT_HEADERS).commit();
  for await (const page of exportRows(ctx, filter, timeZone)) {
    for (const cells of page) sheet.addRow(cells).commit();
    await sheetDrained(sheet);
    await drained(out);
  }
  sheet.commit();
  const summary = workbook.addWorksheet('统计');
  summary.addRow(['指标', '数值']).commit();
  for (const row of statsRows(stats)) summary.addRow(row).commit();
  summary.commit();
  await workbook.commit();
}
