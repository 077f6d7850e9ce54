/**
 * Abuse resistance, round two: each attack an outside probe got through,
 * reproduced against a running API (TRUST_PROXY on, so each request may speak
 * from an address of its own), and refused.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import WebSocket from 'ws';
import { createLogger } from '../../api/src/server/logger';
import { insertIssues } from '../support/fixtures';
import { createScratchDatabase, dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

const REPORT = 'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }';
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const PORTAL_ORIGIN = 'https://abuse.example.gov.cn';

describe('abuse resistance (REPORT_RATE_LIMIT=5, REPORT_KEY_RATE_LIMIT=8, TRUST_PROXY on)', () => {
  let t: TestServer;
  let admin: string;
  let key: string;
  let gridId: string;
  let n = 0;
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const report = (address: string, options: { portalKey?: string; origin?: string; token?: string } = {}, input: Record<string, unknown> = {}) =>
    t.gql(REPORT, { input: { categoryCode: 'GARBAGE', description: '垃圾桶满了', gridId, idempotencyKey: `abuse-${++n}`, ...input } }, {
      ...options,
      headers: from(address),
    });
  const login = (username: string, password: string, address: string) => t.gql(LOGIN, { u: username, p: password }, { headers: from(address) });

  beforeAll(async () => {
    t = await startTestServer({ env: { TRUST_PROXY: '1', REPORT_RATE_LIMIT: '5', REPORT_KEY_RATE_LIMIT: '8' } });
    admin = await t.login('admin');
    key = dataOf(await t.gql('mutation($o: [String!]!) { createPortalKey(name: "滥用测试", allowedOrigins: $o) { key } }', { o: [PORTAL_ORIGIN] }, { token: admin }))
      .createPortalKey.key;
    gridId = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  });
  afterAll(() => t?.close());

  describe('20.1 nobody can lock staff out by failing sign-ins', () => {
    it("does not count a blocked address's attempts against the usernames it names", async () => {
      for (let i = 0; i < 30; i++) assert.equal(errorCode(await login(`nobody.${i}`, 'wrong-password', '127.0.0.21')), 'UNAUTHENTICATED');
      for (let i = 0; i < 11; i++) assert.equal(errorCode(await login('worker.lin', 'wrong-password', '127.0.0.21')), 'RATE_LIMITED');
      assert.ok(dataOf(await login('worker.lin', 'lastmeter-demo', '127.0.0.22')).login.token, 'the victim signs in from its own address');
    });

    it('limits guesses at one account per address, and the account still signs in from elsewhere', async () => {
      for (let i = 0; i < 10; i++) assert.equal(errorCode(await login('admin', `guess-${i}`, '198.51.100.31')), 'UNAUTHENTICATED');
      const refused = await login('admin', 'lastmeter-demo', '198.51.100.31');
      assert.equal(errorCode(refused), 'RATE_LIMITED');
      assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After is sent');
      assert.ok(dataOf(await login('admin', 'lastmeter-demo', '198.51.100.32')).login.token);
    });
  });

  describe('20.2 nobody can switch a portal off with its public key', () => {
    it('refuses invalid reports without counting them, and counts per address within a higher cap per key', async () => {
      for (let i = 0; i < 8; i++) {
        assert.equal(errorCode(await report('203.0.113.41', { portalKey: key }, { description: ' ' })), 'BAD_USER_INPUT');
      }
      // The invalid ones did not count: the same address still has its five a minute.
      for (let i = 0; i < 5; i++) dataOf(await report('203.0.113.41', { portalKey: key }));
      assert.equal(errorCode(await report('203.0.113.41', { portalKey: key })), 'RATE_LIMITED', 'per address');
      // Other residents of the same portal go on, up to the key's overall cap (8).
      for (let i = 0; i < 3; i++) dataOf(await report(`203.0.113.${50 + i}`, { portalKey: key }));
      const capped = await report('203.0.113.60', { portalKey: key });
      assert.equal(errorCode(capped), 'RATE_LIMITED', 'per key overall');
      assert.match(capped.errors![0].message, /8 through one portal key/);
    });

    it('gives back the count of a report refused by the database (unknown category)', async () => {
      for (let i = 0; i < 6; i++) {
        assert.equal(errorCode(await report('203.0.113.70', { origin: t.url }, { categoryCode: 'NO_SUCH_CATEGORY' })), 'BAD_USER_INPUT');
      }
      dataOf(await report('203.0.113.70', { origin: t.url }));
    });
  });

  describe('20.3 masking is not bypassed by assignment, and every unmasked read is audited', () => {
    const ASSIGN = 'mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status assignee { name } } }';
    const READ = 'query($id: ID!) { issue(id: $id) { reporter { name phone } } }';
    /** Cadre ids by demo account (names change with the script the demo data is written in). */
    let cadreOf: Record<string, string>;
    let zhao: string;
    let linName: string;
    const newIssue = async (gridCode: string) => (await insertIssues(t, { count: 1, gridCode, status: 'SUBMITTED' }))[0];
    const auditRows = async (issueId: string) =>
      t.server.services.db.orm.em
        .fork()
        .getConnection()
        .execute<Record<string, unknown>[]>('select * from audit_entry where target = ? order by at', [`Issue:${issueId}`]);

    beforeAll(async () => {
      const conn = t.server.services.db.orm.em.fork().getConnection();
      const users = await conn.execute<{ username: string; cadre_id: string | null; display_name: string }[]>('select username, cadre_id, display_name from app_user');
      cadreOf = Object.fromEntries(users.map((u: { username: string; cadre_id: string | null }) => [u.username, u.cadre_id!]));
      linName = users.find((u: { username: string }) => u.username === 'worker.lin')!.display_name;
      // The county-level cadre assigned to FL-02 (赵海峰 in the demo city).
      [{ id: zhao }] = await conn.execute<{ id: string }[]>(
        "select c.id from cadre c join cadre_assignment a on a.cadre_id = c.id join grid g on g.id = a.grid_id where g.code = 'JC-DH-FL-02' and c.level = 'COUNTY'",
      );
    });

    it('a city supervisor whose only link to the grid is its scope region cannot assign an issue to itself', async () => {
      const id = await newIssue('JC-DH-FL-02'); // 刘思琪 is assigned to GH-07 and FL-01, not FL-02
      const liu = await t.login('supervisor.liu');
      const self = await t.gql(ASSIGN, { id, c: cadreOf['supervisor.liu'] }, { token: liu });
      assert.equal(errorCode(self), 'FORBIDDEN');
      assert.equal(dataOf(await t.gql(READ, { id }, { token: liu })).issue.reporter.phone, '138****5678', 'still masked');
      // It dispatches to a cadre of the grid instead.
      assert.equal(dataOf(await t.gql(ASSIGN, { id, c: zhao }, { token: liu })).assignIssue.status, 'ASSIGNED');
    });

    it("refuses an assignee whose scope does not cover the issue's grid (a cadre of another county)", async () => {
      const id = await newIssue('JC-DH-GH-07');
      const res = await t.gql(ASSIGN, { id, c: cadreOf['cadre.sun'] }, { token: await t.login('worker.lin') });
      assert.equal(errorCode(res), 'BAD_USER_INPUT');
      assert.equal(res.errors![0].extensions!.field, 'cadreId');
      assert.equal(errorCode(await t.gql(READ, { id }, { token: await t.login('cadre.sun') })), 'NOT_FOUND', 'the other county never sees it');
    });

    it('writes who read unmasked contact details, when and of which issue — never the details', async () => {
      const id = await newIssue('JC-DH-GH-07');
      const before = Date.now();
      const full = dataOf(await t.gql(READ, { id }, { token: await t.login('worker.lin') })).issue.reporter;
      assert.equal(full.phone, '13812345678');
      dataOf(await t.gql(READ, { id }, { token: await t.login('supervisor.liu') })); // masked: not audited
      const rows = await auditRows(id);
      assert.equal(rows.length, 1);
      const [row] = rows;
      assert.equal(row.action, 'readReporterContact');
      assert.equal(row.actor_name, linName);
      assert.equal(row.target, `Issue:${id}`);
      assert.ok(new Date(row.at as string).getTime() >= before - 1000);
      const text = JSON.stringify(rows);
      assert.ok(!text.includes('13812345678') && !text.includes(String(full.name)), 'no contact details in the audit log');
      // A list page is audited too: one entry per issue shown in full.
      const page = dataOf(await t.gql('{ issues(first: 100) { edges { node { id reporter { phone } } } } }', {}, { token: admin })).issues.edges;
      const shown = page.filter((e: any) => e.node.id === id);
      assert.equal(shown.length, 1);
      assert.equal((await auditRows(id)).length, 2);
    });

    it('lists the audit log to admins newest first, by action, page by page (auditLog)', async () => {
      const LOG = 'query($after: String) { auditLog(first: 1, after: $after, action: "readReporterContact") { edges { cursor node { at actorName action target summary } } pageInfo { hasNextPage endCursor } } }';
      const first = dataOf(await t.gql(LOG, {}, { token: admin })).auditLog;
      assert.equal(first.edges.length, 1);
      assert.equal(first.pageInfo.hasNextPage, true);
      const second = dataOf(await t.gql(LOG, { after: first.pageInfo.endCursor }, { token: admin })).auditLog;
      const [newer, older] = [first.edges[0].node, second.edges[0].node];
      assert.ok(new Date(newer.at) >= new Date(older.at));
      assert.notDeepEqual(newer, older);
      assert.equal(newer.action, 'readReporterContact');
      assert.match(newer.target, /^Issue:[0-9a-f-]{36}$/);
      assert.equal(dataOf(await t.gql('{ auditLog(action: "noSuchAction") { edges { cursor } } }', {}, { token: admin })).auditLog.edges.length, 0);
      assert.equal(errorCode(await t.gql('{ auditLog { edges { cursor } } }', {}, { token: await t.login('supervisor.liu') })), 'FORBIDDEN');
    });
  });

  describe('20.4 "own page" reporting comes from configuration, not from forged headers', () => {
    const forged = (origin: string, host: string) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const body = JSON.stringify({ query: REPORT, variables: { input: { categoryCode: 'GARBAGE', description: '伪造', gridId, idempotencyKey: `forged-${++n}` } } });
        const req = http.request(t.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', origin, host, 'x-forwarded-for': '192.0.2.80' } }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end(body);
      });

    it('refuses an Origin that matches only the Host header the client wrote (e.g. DNS rebinding)', async () => {
      const res = await forged('http://rebind.example:8080', 'rebind.example:8080');
      assert.equal(res.status, 403);
      assert.equal(res.body.errors[0].extensions.code, 'FORBIDDEN');
    });

    it('still lets the demo portal page report from where this server listens (development, demo seeded)', async () => {
      dataOf(await report('192.0.2.81', { origin: t.url }));
    });
  });

  describe('20.5 an idempotency key reused with different content is a CONFLICT', () => {
    it('answers a true retry with the first report, and refuses other content under the same key', async () => {
      const input = { idempotencyKey: 'reuse-me', description: '路灯不亮' };
      const first = dataOf(await report('192.0.2.90', { token: admin }, input)).reportIssue.trackingCode;
      assert.equal(dataOf(await report('192.0.2.90', { token: admin }, input)).reportIssue.trackingCode, first);
      // A widget resends after a reload without name and phone (it never keeps them on the device): still the same report.
      const contact = { ...input, idempotencyKey: 'reuse-with-contact', reporterName: '王小明', reporterPhone: '13912345678' };
      const withContact = dataOf(await report('192.0.2.90', { token: admin }, contact)).reportIssue.trackingCode;
      const { reporterName: _n, reporterPhone: _p, ...withoutContact } = contact;
      assert.equal(dataOf(await report('192.0.2.90', { token: admin }, withoutContact)).reportIssue.trackingCode, withContact);
      const other = await report('192.0.2.90', { token: admin }, { ...input, description: '完全不同的问题' });
      assert.equal(errorCode(other), 'CONFLICT');
      assert.equal(other.errors![0].extensions!.idempotencyKey, 'reuse-me');
      assert.match(other.errors![0].message, /reuse-me/);
    });
  });

  describe('20.6 public statistics cannot be cut down to single issues', () => {
    const STATS = 'query($g: ID, $from: DateTimeISO, $to: DateTimeISO) { issueStats(gridId: $g, from: $from, to: $to) { total open byStatus { status count } smallCountsHidden } }';
    let lx01: string;
    beforeAll(async () => {
      lx01 = (await t.server.services.db.orm.em.fork().getConnection().execute<{ id: string }[]>("select id from grid where code = 'QS-SQ-LX-01'"))[0].id;
      // Three issues on 2030-03-03 (minutes apart), six on 2030-03-04.
      await insertIssues(t, { count: 3, gridCode: 'QS-SQ-LX-01', start: new Date('2030-03-03T08:00:00Z') });
      await insertIssues(t, { count: 6, gridCode: 'QS-SQ-LX-01', start: new Date('2030-03-04T08:00:00Z') });
    });

    it('refuses a window of less than whole days to callers without a staff token', async () => {
      const res = await t.gql(STATS, { g: lx01, from: '2030-03-03T08:00:00.000Z', to: '2030-03-03T08:00:00.001Z' });
      assert.equal(errorCode(res), 'BAD_USER_INPUT');
      assert.equal(res.errors![0].extensions!.field, 'from');
    });

    it('shows counts below 5 as 0 with a flag, and larger counts as they are', async () => {
      const small = dataOf(await t.gql(STATS, { g: lx01, from: '2030-03-03T00:00:00Z', to: '2030-03-04T00:00:00Z' })).issueStats;
      assert.deepEqual([small.total, small.open, small.smallCountsHidden], [0, 0, true]);
      assert.ok(small.byStatus.every((row: { count: number }) => row.count === 0));
      const large = dataOf(await t.gql(STATS, { g: lx01, from: '2030-03-04T00:00:00Z', to: '2030-03-05T00:00:00Z' })).issueStats;
      assert.deepEqual([large.total, large.smallCountsHidden], [6, true]);
    });

    it('gives staff the exact figures for any window', async () => {
      const staff = dataOf(await t.gql(STATS, { g: lx01, from: '2030-03-03T08:00:00.000Z', to: '2030-03-03T08:01:00.001Z' }, { token: admin })).issueStats;
      assert.deepEqual([staff.total, staff.smallCountsHidden], [2, false]);
    });
  });

  describe('20.8 the demo portal page: CSP with a nonce, frame-ancestors, Referrer-Policy', () => {
    it('sends a fresh nonce with each page, on every script and style of it', async () => {
      const pages = await Promise.all([fetch(`${t.url}/`), fetch(`${t.url}/`)]);
      const nonces: string[] = [];
      for (const res of pages) {
        assert.equal(res.status, 200);
        const csp = res.headers.get('content-security-policy') ?? '';
        const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
        assert.ok(nonce, csp);
        assert.match(csp, /frame-ancestors 'self'/);
        assert.match(csp, /object-src 'none'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
        assert.match(res.headers.get('cache-control') ?? '', /no-store/);
        const html = await res.text();
        const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
        assert.ok(tags.length >= 2);
        for (const tag of tags) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
        nonces.push(nonce!);
      }
      assert.notEqual(nonces[0], nonces[1]);
    });

    it('sends Referrer-Policy with API answers too', async () => {
      assert.equal((await t.gql('{ categories { code } }')).headers.get('referrer-policy'), 'no-referrer');
    });
  });

  describe('20.10 small ones', () => {
    it('refuses a year-0 date in a filter as BAD_USER_INPUT', async () => {
      const res = await t.gql('query($from: DateTimeISO) { issueStats(from: $from) { total } }', { from: '0000-01-01T00:00:00Z' }, { token: admin });
      assert.equal(errorCode(res), 'BAD_USER_INPUT');
      const listed = await t.gql('query($d: DateTimeISO) { issues(filter: { createdAfter: $d }) { totalCount } }', { d: '0000-06-01T00:00:00Z' }, { token: admin });
      assert.equal(errorCode(listed), 'BAD_USER_INPUT');
    });

    it('refuses a description of only zero-width or direction-control characters as empty', async () => {
      for (const description of ['\u200b\u200b', '\u202e\u202d\u2066', '\ufeff \u200d', '\u2800\u3164']) {
        const res = await report('192.0.2.100', { token: admin }, { description });
        assert.equal(errorCode(res), 'BAD_USER_INPUT', JSON.stringify(description));
        assert.equal(res.errors![0].extensions!.field, 'input.description');
      }
    });

    it('sends RATE_LIMITED with Retry-After, and HTTP 429 to clients that accept application/graphql-response+json', async () => {
      for (let i = 0; i < 5; i++) dataOf(await report('192.0.2.110', { origin: t.url }));
      const plain = await report('192.0.2.110', { origin: t.url });
      assert.equal(errorCode(plain), 'RATE_LIMITED');
      assert.equal(plain.status, 200, 'application/json keeps 200 (GraphQL over HTTP)');
      const seconds = Number(plain.headers.get('retry-after'));
      assert.ok(seconds > 0 && seconds <= 60, `Retry-After ${seconds}`);
      assert.equal(seconds, plain.errors![0].extensions!.retryAfterSeconds);
      const res = await fetch(t.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', origin: t.url, 'x-forwarded-for': '192.0.2.110' },
        body: JSON.stringify({ query: REPORT, variables: { input: { categoryCode: 'GARBAGE', description: '再来一次', gridId, idempotencyKey: 'accept-429' } } }),
      });
      assert.equal(res.status, 429);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      assert.equal((await res.json()).errors[0].extensions.code, 'RATE_LIMITED');
    });

    it('keeps values out of the log when a database error is wrapped (GraphQLError, cause, AggregateError)', async () => {
      const lines: string[] = [];
      const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
      const secret = 'not-a-uuid-13812345678';
      const dbError = await t.server.services.db.orm.em
        .fork()
        .getConnection()
        .execute('select ?::uuid as id', [secret])
        .then(() => null, (error: Error) => error);
      assert.ok(dbError instanceof Error, 'the database refused the value');
      logger.error({ err: new GraphQLError(dbError.message, { originalError: dbError }) }, 'unexpected error');
      logger.error({ err: new Error('could not refresh', { cause: dbError }) }, 'wrapped');
      logger.error({ err: new AggregateError([dbError], 'several failed') }, 'aggregate');
      assert.equal(lines.length, 3);
      for (const line of lines) {
        assert.ok(!line.includes(secret), `a value reached the log: ${line.slice(0, 300)}`);
        assert.ok(!/select .*::uuid/i.test(line), `SQL reached the log: ${line.slice(0, 300)}`);
      }
    });

    it('finds an issue in scope by its id in upper case', async () => {
      const [id] = await insertIssues(t, { count: 1, gridCode: 'JC-DH-GH-07', status: 'SUBMITTED' });
      const token = await t.login('worker.lin');
      const found = dataOf(await t.gql('query($id: ID!) { issue(id: $id) { id } }', { id: id.toUpperCase() }, { token })).issue;
      assert.equal(found.id, id);
      const moved = dataOf(await t.gql('mutation($id: ID!) { acceptIssue(id: $id) { id status } }', { id: id.toUpperCase() }, { token })).acceptIssue;
      assert.equal(moved.status, 'ACCEPTED');
    });
  });
});

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'production-secret-production-secret-0123456789',
  ADMIN_PASSWORD: 'a-production-admin-password',
};

describe('abuse resistance in production (no PUBLIC_URL, METRICS_PORT=0)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false, env: { ...PRODUCTION, METRICS_PORT: '0' } });
  });
  afterAll(() => t?.close());

  it('20.7 serves /metrics only on METRICS_PORT, never on the public port', async () => {
    assert.equal((await fetch(`${t.url}/metrics`)).status, 404);
    assert.ok(t.server.metricsUrl);
    assert.notEqual(new URL(t.server.metricsUrl!).port, String(t.server.port));
    const metrics = await fetch(t.server.metricsUrl!);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /lastmeter_http_requests_total/);
  });

  it('20.4 counts no origin as its own without PUBLIC_URL: the page at its own address is refused', async () => {
    const res = await t.gql('{ categories { code } }', {}, { origin: t.url });
    assert.equal(res.status, 403);
    assert.equal(errorCode(res), 'FORBIDDEN');
  });

  it('20.8 serves no demo portal page without the demo data', async () => {
    assert.equal((await fetch(`${t.url}/`)).status, 404);
  });
});

describe('20.9 connection caps and request timeouts (TRUST_PROXY off, MAX_CONNECTIONS_PER_ADDRESS=3, REQUEST_TIMEOUT_SECONDS=2)', () => {
  let t: TestServer;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false, env: { MAX_CONNECTIONS_PER_ADDRESS: '3', REQUEST_TIMEOUT_SECONDS: '2' } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await t?.close();
  });

  const open = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect(t.server.port, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
      sockets.push(socket);
    });
  const answerOf = (socket: net.Socket) =>
    new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
    });

  it('refuses a connection beyond the cap per address with 429, and accepts again once one closes', async () => {
    const held = [await open(), await open(), await open()];
    const fourth = await open();
    assert.match(await answerOf(fourth), /^HTTP\/1\.1 429/);
    held[0].destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await open();
    again.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(await answerOf(again), /^HTTP\/1\.1 200/);
    for (const socket of held) socket.destroy();
  });

  it('closes a request whose body trickles in a byte at a time, well before Node\'s 300 s', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const socket = await open();
    const started = Date.now();
    const answer = answerOf(socket);
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const drip = setInterval(() => socket.writable && socket.write(' '), 250);
    try {
      const text = await Promise.race([answer, new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 8_000))]);
      assert.notEqual(text, 'still open');
      assert.match(text, /408/);
      assert.ok(Date.now() - started < 6_000, `closed after ${Date.now() - started} ms`);
    } finally {
      clearInterval(drip);
    }
  });
});

describe('20.9 WebSocket caps per client address and overall (TRUST_PROXY on, MAX_CONNECTIONS_PER_ADDRESS=3, MAX_CONNECTIONS=6)', () => {
  let t: TestServer;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false, env: { TRUST_PROXY: '1', MAX_CONNECTIONS_PER_ADDRESS: '3', MAX_CONNECTIONS: '6' } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await t?.close();
  });

  /** Opens a graphql-ws socket as `address`: 'open', or the HTTP status it was refused with ('closed' without one). */
  const connect = (address: string) =>
    new Promise<string>((resolve) => {
      const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers: { 'x-forwarded-for': address } });
      sockets.push(socket);
      socket.on('open', () => resolve('open'));
      socket.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      socket.on('error', () => resolve('closed'));
    });

  it('refuses a fourth socket from one client address with 429; others still connect up to the overall cap', async () => {
    for (let i = 0; i < 3; i++) assert.equal(await connect('198.51.100.7'), 'open');
    assert.equal(await connect('198.51.100.7'), '429');
    for (let i = 0; i < 3; i++) assert.equal(await connect('198.51.100.8'), 'open');
    assert.notEqual(await connect('198.51.100.9'), 'open', 'the seventh socket overall');
  });
});

describe('limits hold across replicas: two replicas on one Redis (REPORT_RATE_LIMIT=4, TRUST_PROXY on)', () => {
  const REDIS_URL = process.env.LM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: TestServer;
  let b: TestServer;
  let gridId: string;
  let n = 0;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const env = { DATABASE_URL: scratch.url, REDIS_URL, REDIS_PREFIX: `lmtest:${randomBytes(4).toString('hex')}:`, TRUST_PROXY: '1', REPORT_RATE_LIMIT: '4' };
    a = await startTestServer({ env });
    b = await startTestServer({ env });
    gridId = dataOf(await a.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await scratch?.drop();
  });

  const login = (server: TestServer, password: string, address: string) =>
    server.gql(LOGIN, { u: 'worker.gao', p: password }, { headers: { 'x-forwarded-for': address } });
  const report = (server: TestServer, address: string) =>
    server.gql(REPORT, { input: { categoryCode: 'GARBAGE', description: '跨副本限流', gridId, idempotencyKey: `replicas-${++n}` } }, {
      origin: server.url,
      headers: { 'x-forwarded-for': address },
    });

  it('counts failed sign-ins on both replicas together', async () => {
    for (let i = 0; i < 10; i++) assert.equal(errorCode(await login(i % 2 ? a : b, `wrong-${i}`, '203.0.113.201')), 'UNAUTHENTICATED');
    assert.equal(errorCode(await login(a, 'lastmeter-demo', '203.0.113.201')), 'RATE_LIMITED');
    assert.equal(errorCode(await login(b, 'lastmeter-demo', '203.0.113.201')), 'RATE_LIMITED');
    assert.ok(dataOf(await login(b, 'lastmeter-demo', '203.0.113.202')).login.token);
  });

  it('counts reports on both replicas together', async () => {
    for (let i = 0; i < 4; i++) dataOf(await report(i % 2 ? a : b, '203.0.113.210'));
    assert.equal(errorCode(await report(a, '203.0.113.210')), 'RATE_LIMITED');
    assert.equal(errorCode(await report(b, '203.0.113.210')), 'RATE_LIMITED');
  });
});
