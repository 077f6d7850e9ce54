/**
 * The physical floor: a bare node:http server answering the list page with one
 * hand-written SQL statement through `pg` and JSON.stringify, and a report with
 * the same INSERTs the API makes, in one transaction. Nothing else: no GraphQL,
 * no auth, no validation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PAGE_SIZE, RAW_PAGE_SQL } from '../queries';
import { countPgStatements, serveParent } from './child-protocol';

countPgStatements(__dirname);

/** Same key as the API's event-append lock (any constant works for the floor: it serialises appends the same way). */
const EVENT_APPEND_LOCK = 7_345_002;

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

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

async function page(): Promise<string> {
  const { rows } = await pool.query<PageRow>(RAW_PAGE_SQL, [PAGE_SIZE + 1]);
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
  variables: { input: { categoryCode: string; gridId: string; description: string; idempotencyKey: string } };
}

async function report(body: ReportBody): Promise<string> {
  const input = body.variables.input;
  const client = await pool.connect();
  try {
    await client.query('begin');
    const now = new Date();
    const id = randomUUID();
    const code = randomBytes(8).toString('hex').toUpperCase();
    await client.query(
      `insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path,
         reporter_anonymous, version, created_at, updated_at, response_due_at, resolve_due_at, idempotency_scope, idempotency_key)
       select $1, $2, left($3, 30), $3, c.code, 'SUBMITTED', 'WIDGET', g.id, g.region_path, true, 1, $4, $4,
              $4::timestamptz + c.response_hours * interval '1 hour', $4::timestamptz + c.resolve_hours * interval '1 hour', 'floor', $5
       from category c, grid g where c.code = $6 and g.id = $7`,
      [id, code, input.description, now, input.idempotencyKey, input.categoryCode, input.gridId],
    );
    await client.query('select pg_advisory_xact_lock($1)', [EVENT_APPEND_LOCK]);
    await client.query(`insert into issue_event (issue_id, type, to_status, at) values ($1, 'SUBMITTED', 'SUBMITTED', $2)`, [id, now]);
    await client.query('commit');
    return JSON.stringify({ data: { reportIssue: { trackingCode: code, issue: { status: 'SUBMITTED' } } } });
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const text = req.url === '/report' ? await report(JSON.parse(Buffer.concat(chunks).toString())) : await page();
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
