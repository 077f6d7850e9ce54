/**
 * GET /exports/issues.csv and .xlsx (issue 18): exactly the issues the API
 * shows the caller — same scope, same masking, same filter — streamed page by
 * page (keyset over more than one page here), with Chinese headers, dates in
 * the deployment's time zone and, in the workbook, a sheet of the filter's
 * issueStats and performance figures (equal to the GraphQL answers). Both parsed back.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EXPORT_HEADERS, PERFORMANCE_HEADERS, percent } from '../../api/src/modules/exports/issue-export';
import { dataOf, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
const tokens: Record<string, string> = {};
/** More than one export page (1,000 rows) of copies, some sharing a creation time (the keyset's tie-break on id). */
const COPIES = 1_150;

interface ApiIssue {
  trackingCode: string;
  createdAt: string;
  status: string;
  grid: { code: string };
  reporter: { name: string | null; phone: string | null };
}

async function apiIssues(token: string, filter: Record<string, unknown> = {}): Promise<{ total: number; issues: ApiIssue[] }> {
  const issues: ApiIssue[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page: any = dataOf(
      await t.gql(
        `query($after: String, $filter: IssueFilter) { issues(first: 100, after: $after, filter: $filter) { totalCount
          edges { node { trackingCode createdAt status grid { code } reporter { name phone } } } pageInfo { hasNextPage endCursor } } }`,
        { after, filter },
        { token },
      ),
    ).issues;
    total = page.totalCount;
    issues.push(...page.edges.map((e: { node: ApiIssue }) => e.node));
    if (!page.pageInfo.hasNextPage) return { total, issues };
    after = page.pageInfo.endCursor;
  }
}

async function download(path: string, token?: string) {
  const res = await fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

function csvRows(body: Buffer): string[][] {
  return parseCsv(body, { bom: true, relax_column_count: false });
}

const column = (name: string) => EXPORT_HEADERS.indexOf(name);

function shanghai(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

beforeAll(async () => {
  t = await startTestServer();
  for (const username of ['admin', 'cadre.zheng', 'worker.lin']) tokens[username] = await t.login(username);
  // Copies of a demo issue with a reporter: in worker.lin's grid, not assigned to cadre.zheng.
  const em = t.server.services.db.orm.em.fork();
  await em.execute(
    `insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path, latitude, longitude, address,
       reporter_anonymous, reporter_name, reporter_phone, assignee_id, version, created_at, updated_at, response_due_at, resolve_due_at,
       idempotency_scope, idempotency_key)
     select gen_random_uuid(), 'EXP' || lpad(n::text, 7, '0'), s.title, s.description, s.category_code, 'SUBMITTED', s.channel, s.grid_id, s.region_path,
       s.latitude, s.longitude, s.address, false, '赵导出', '13812345678', null, 1,
       timestamptz '2026-11-01 00:00:00+00' - ((n / 3) || ' seconds')::interval, now(), now() + interval '1 day', now() + interval '7 days',
       'export-test', 'copy-' || n
     from (select * from issue where reporter_name is not null and grid_id = (select grid_id from app_user u join grid_worker w on w.id = u.grid_worker_id where u.username = 'worker.lin') limit 1) s,
       generate_series(1, ${COPIES}) n`,
  );
});
afterAll(() => t?.close());

describe('issue export', () => {
  it('a cadre exports exactly the issues the API shows it, masked exactly as the API masks them', async () => {
    const { res, body } = await download('/exports/issues.csv', tokens['cadre.zheng']);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const [header, ...rows] = csvRows(body);
    assert.deepEqual(header, EXPORT_HEADERS);
    assert.equal(header[0], '受理编号');
    const api = await apiIssues(tokens['cadre.zheng']);
    assert.equal(rows.length, api.total);
    const byCode = new Map(api.issues.map((issue) => [issue.trackingCode, issue]));
    for (const row of rows) {
      const issue = byCode.get(row[column('受理编号')]);
      assert.ok(issue, `the export holds ${row[0]}, which the API does not show this cadre`);
      assert.equal(row[column('上报人')], issue.reporter.name ?? '');
      assert.equal(row[column('上报人电话')], issue.reporter.phone ?? '');
    }
    // The copies lie in a grid the cadre sees, masked (it is not their assignee).
    const copy = rows.find((row) => row[0].startsWith('EXP'));
    assert.ok(copy, 'the cadre sees the copies');
    assert.equal(copy[column('上报人')], '赵**');
    assert.equal(copy[column('上报人电话')], '138****5678');
    assert.ok(!body.toString('utf8').includes('13812345678') && !body.toString('utf8').includes('赵导出'), 'no unmasked trace anywhere in the file');
  });

  it('pages through every issue an admin sees (more than one page), once each, newest first, unmasked for the grid worker', async () => {
    const admin = csvRows((await download('/exports/issues.csv', tokens.admin)).body).slice(1);
    const api = await apiIssues(tokens.admin);
    assert.ok(admin.length > 1000, `more than one export page (${admin.length} rows)`);
    assert.equal(admin.length, api.total);
    assert.equal(new Set(admin.map((r) => r[0])).size, admin.length, 'no row twice');
    assert.deepEqual(admin.map((r) => r[0]), api.issues.map((i) => i.trackingCode), 'the same order as the API (created_at, id newest first)');
    const zheng = new Set(csvRows((await download('/exports/issues.csv', tokens['cadre.zheng'])).body).slice(1).map((r) => r[0]));
    assert.ok(admin.some((r) => !zheng.has(r[0])), 'the admin sees issues the cadre does not');
    const audited = dataOf(await t.gql('{ auditLog(action: "readReporterContact", first: 100) { edges { node { target summary actorName } } } }', {}, { token: tokens.admin })).auditLog.edges;
    assert.ok(audited.some((e: { node: { target: string } }) => e.node.target === 'Export:issues.csv'), 'the export is in the audit log');
    assert.ok(!JSON.stringify(audited).includes('13812345678'), 'never the details');
    const worker = csvRows((await download('/exports/issues.csv', tokens['worker.lin'])).body).slice(1);
    const copy = worker.find((row) => row[0].startsWith('EXP'))!;
    assert.deepEqual([copy[column('上报人')], copy[column('上报人电话')]], ['赵导出', '13812345678']);
  });

  it('writes dates in the deployment time zone (Asia/Shanghai by default) and applies the filter as the API does', async () => {
    const filter = { status: ['SUBMITTED'], createdBefore: '2026-11-01T00:00:00Z' };
    const { body } = await download(`/exports/issues.csv?status=SUBMITTED&createdBefore=${encodeURIComponent(filter.createdBefore)}`, tokens.admin);
    const rows = csvRows(body).slice(1);
    const api = await apiIssues(tokens.admin, filter);
    assert.equal(rows.length, api.total);
    assert.ok(rows.every((row) => row[column('状态')] === '待受理'));
    for (const [index, issue] of api.issues.entries()) {
      assert.equal(rows[index][column('上报时间')], shanghai(issue.createdAt));
    }
    assert.equal(rows[rows.length - 1][column('上报时间')], '2026-11-01 07:53:37', 'the oldest copy: 00:00 UTC minus 383 s, at +08:00');
  });

  it('answers a workbook with the same rows and a sheet of the issueStats figures of the filter, streamed', async () => {
    const { res, body } = await download('/exports/issues.xlsx', tokens['cadre.zheng']);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-length'), null, 'streamed (chunked), not buffered whole');
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="issues-.*\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['问题', '统计']);
    const sheetRows: string[][] = [];
    workbook.getWorksheet('问题')!.eachRow((row) => {
      // An empty string cell reads back as no value.
      sheetRows.push(EXPORT_HEADERS.map((_, c) => {
        const value = row.getCell(c + 1).value;
        return value === null || value === undefined ? '' : String(value);
      }));
    });
    const csv = csvRows((await download('/exports/issues.csv', tokens['cadre.zheng'])).body);
    assert.deepEqual(sheetRows, csv);
    const stats: Record<string, unknown> = {};
    workbook.getWorksheet('统计')!.eachRow((row) => void (stats[String(row.getCell(1).value)] = row.getCell(2).value));
    const apiStats = dataOf(await t.gql('{ issueStats { total open overdue } }')).issueStats;
    assert.equal(stats['问题总数'], apiStats.total);
    assert.equal(stats['未办结'], apiStats.open);
    assert.equal(stats['超期'], apiStats.overdue);
  });

  it('puts the issueStats and the performance (per cadre) figures of the filter on the 统计 sheet, equal to the GraphQL answers', async () => {
    const regionId = dataOf(await t.gql('{ regions { id name } }', {}, { token: tokens.admin })).regions.find((r: { id: string }) => r)!.id as string;
    // A wide period, so that the demo's assignments fall in it.
    const range = { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' };
    const query = `?regionId=${regionId}&createdAfter=${encodeURIComponent(range.from)}&createdBefore=${encodeURIComponent(range.to)}`;
    const { res, body } = await download(`/exports/issues.xlsx${query}`, tokens.admin);
    assert.equal(res.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet: unknown[][] = [];
    workbook.getWorksheet('统计')!.eachRow({ includeEmpty: true }, (row) => {
      sheet.push(Array.from({ length: PERFORMANCE_HEADERS.length }, (_, c) => row.getCell(c + 1).value ?? ''));
    });
    const api = dataOf(
      await t.gql(
        `query($regionId: ID, $from: DateTimeISO, $to: DateTimeISO) {
          issueStats(regionId: $regionId, from: $from, to: $to) { total open overdue returned extended resolutionRate onTimeRate satisfactionRate avgResolveHours }
          performance(groupBy: CADRE, regionId: $regionId, from: $from, to: $to) {
            rank name cadre { unit } assigned respondedOnTime resolved resolvedOnTime returned overdue followedUp satisfied reopened
            responseRate resolutionRate onTimeRate satisfactionRate returnRate score } }`,
        { regionId, ...range },
        { token: tokens.admin },
      ),
    );
    const figure = (name: string) => sheet.find((row) => row[0] === name)?.[1];
    const s = api.issueStats;
    assert.deepEqual(
      ['问题总数', '未办结', '超期', '退单待派', '延期', '办结率', '按时办结率', '满意率', '平均办结时长（小时）'].map(figure),
      [s.total, s.open, s.overdue, s.returned, s.extended, percent(s.resolutionRate), percent(s.onTimeRate), percent(s.satisfactionRate),
        s.avgResolveHours === null ? '' : Number(s.avgResolveHours.toFixed(1))],
    );
    assert.ok(s.total > 0, 'the region has issues');
    const title = sheet.findIndex((row) => row[0] === '考核（按干部）');
    assert.ok(title > 0, 'the performance table follows the issueStats figures');
    assert.match(String(sheet[title][1]), /^派单时间 2020-01-01 08:00:00 至 2030-01-01 08:00:00$/, 'the period in the deployment time zone');
    assert.deepEqual(sheet[title + 1], PERFORMANCE_HEADERS);
    assert.ok(api.performance.length > 0, 'the demo has assignments in the region');
    const expected = api.performance.map((p: any) => [
      p.rank, p.name, p.cadre?.unit ?? '', p.assigned, p.respondedOnTime, p.resolved, p.resolvedOnTime, p.returned, p.overdue, p.followedUp,
      p.satisfied, p.reopened, percent(p.responseRate), percent(p.resolutionRate), percent(p.onTimeRate), percent(p.satisfactionRate),
      percent(p.returnRate), p.score === null ? '' : Number(p.score.toFixed(1)),
    ]);
    assert.deepEqual(sheet.slice(title + 2, title + 2 + expected.length), expected);
    assert.equal(sheet.length, title + 2 + expected.length, 'one row per cadre, nothing after');

    // A grid worker may not see performance figures (as the API refuses them): the sheet says so.
    const worker = new ExcelJS.Workbook();
    await worker.xlsx.load((await download('/exports/issues.xlsx', tokens['worker.lin'])).body as unknown as ArrayBuffer);
    const workerRows: unknown[] = [];
    worker.getWorksheet('统计')!.eachRow((row) => workerRows.push(row.getCell(1).value));
    assert.ok(workerRows.includes('本账号无权查看考核数据'));
    assert.ok(!workerRows.includes('排名'));
  });

  it('refuses a caller without a token (401) and a bad filter (400), with a code', async () => {
    const anonymous = await download('/exports/issues.csv');
    assert.equal(anonymous.res.status, 401);
    assert.equal(JSON.parse(anonymous.body.toString()).errors[0].extensions.code, 'UNAUTHENTICATED');
    const bad = await download('/exports/issues.xlsx?status=NOPE', tokens.admin);
    assert.equal(bad.res.status, 400);
    assert.equal(JSON.parse(bad.body.toString()).errors[0].extensions.code, 'BAD_USER_INPUT');
    const badDate = await download('/exports/issues.csv?createdAfter=yesterday', tokens.admin);
    assert.equal(JSON.parse(badDate.body.toString()).errors[0].extensions.field, 'createdAfter');
  });
});
