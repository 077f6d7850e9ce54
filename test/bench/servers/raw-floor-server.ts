/**
 * The physical floor: a bare node:http server answering the list page with one
 * hand-written SQL statement through `pg` and JSON.stringify (with FLOOR_JSON=1:
 * one statement writing the whole response, sent as PostgreSQL wrote it), and a report with
 * the very script the API sends, in one round trip. Nothing else: no GraphQL,
 * no auth, no validation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { escapeLiteral, Pool } from 'pg';
import { sql, type SQL } from '../../../api/src/db/sql';
import type { ReportIssueInput } from '../../../api/src/modules/issues/issue.type';
import { parseReportInput } from '../../../api/src/modules/tracking/report-input';
import { intakeScript } from '../../../api/src/modules/tracking/report.service';
import { PAGE_SIZE, RAW_PAGE_JSON_SQL, RAW_PAGE_SQL, RAW_SCOPED_PAGE_JSON_SQL, RAW_SCOPED_PAGE_SQL } from '../queries';
import { countPgStatements, serveParent } from './child-protocol';

countPgStatements(__dirname);


interface PageRow {
  id: string;
  tracking_code: string;
  title: string;
  description: string;
  status: string;
  channel: string;
  created_at: Date;
  response_due_at: Date;
  resolve_due_at: Date;
  category: unknown;
  grid: unknown;
  assignee: unknown;
  timeline: unknown[];
}

// Idle connections kept (as the API's pool keeps them 30 s): a round of another contender must not close them, or
// the JSON floor would prepare its statement again every round.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, idleTimeoutMillis: 0 });

/** A cadre's scope, as the bench sends it to `/scoped` (the floor does no auth: it is told). */
interface Scope {
  gridIds: string[];
  cadreId: string;
  regionPath: string;
}

/** FLOOR_JSON=1: the page's whole response is PostgreSQL's JSON text, sent as it is (prepared once per connection). */
const PASS_THROUGH = process.env.FLOOR_JSON === '1';

async function pageAsJson(scope?: Scope): Promise<string> {
  const { rows } = scope
    ? await pool.query<{ body: string }>({ name: 'scoped_page_json', text: RAW_SCOPED_PAGE_JSON_SQL, values: [scope.gridIds, scope.cadreId, `${scope.regionPath}%`] })
    : await pool.query<{ body: string }>({ name: 'page_json', text: RAW_PAGE_JSON_SQL });
  return rows[0].body;
}

async function page(scope?: Scope): Promise<string> {
  if (PASS_THROUGH) return pageAsJson(scope);
  const { rows } = scope
    ? await pool.query<PageRow>(RAW_SCOPED_PAGE_SQL, [PAGE_SIZE + 1, scope.gridIds, scope.cadreId, `${scope.regionPath}%`])
    : await pool.query<PageRow>(RAW_PAGE_SQL, [PAGE_SIZE + 1]);
  const edges = rows.slice(0, PAGE_SIZE).map((r) => ({
    cursor: Buffer.from(JSON.stringify(['issues.newest', r.created_at.toISOString(), r.id])).toString('base64url'),
    node: {
      id: r.id,
      trackingCode: r.tracking_code,
      title: r.title,
      description: r.description,
      status: r.status,
      channel: r.channel,
      createdAt: r.created_at,
      responseDueAt: r.response_due_at,
      resolveDueAt: r.resolve_due_at,
      category: r.category,
      grid: r.grid,
      assignee: r.assignee,
      timeline: r.timeline,
    },
  }));
  return JSON.stringify({
    data: { issues: { edges, pageInfo: { hasNextPage: rows.length > PAGE_SIZE, endCursor: edges.at(-1)?.cursor ?? null } } },
  });
}

interface ReportBody {
  variables: { input: ReportIssueInput };
}

/** Each `$n` → its value as a SQL literal, as the API inlines its statements' values (the same text reaches PostgreSQL). */
function inline(statement: SQL): string {
  const { text, values = [] } = sql.compile(statement);
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (value instanceof Date) return escapeLiteral(value.toISOString());
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return escapeLiteral(String(value));
  });
}

/** The API's own intake script (report.service.ts intakeScript) in one round trip: no GraphQL, no auth, no checks. */
async function report(body: ReportBody): Promise<string> {
  const code = randomBytes(8).toString('hex').toUpperCase();
  const script = intakeScript({
    report: parseReportInput(body.variables.input),
    gridId: body.variables.input.gridId!,
    id: randomUUID(),
    trackingCode: code,
    now: new Date(),
    scope: 'floor',
    actorName: null,
  });
  await pool.query(script.map(inline).join(';\n'));
  return JSON.stringify({ data: { reportIssue: { trackingCode: code, issue: { status: 'SUBMITTED' } } } });
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const body = Buffer.concat(chunks).toString();
      const text = req.url === '/report' ? await report(JSON.parse(body)) : req.url === '/scoped' ? await page(JSON.parse(body)) : await page();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveParent(`http://127.0.0.1:${port}`, async () => {
    server.close();
    await pool.end();
  });
});
