/**
 * Reporter name and phone: in full only for the grid's workers, the assignee
 * and admins; masked for other staff; never in TrackedIssue, events, error
 * messages or logs. And "the issues assigned to it" widening a cadre's scope.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createLogger } from '../../api/src/server/logger';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

const NAME = '王小明';
const PHONE = '13912345678';
/** Anything that would give the person away, masked forms included. */
const TRACES = [NAME, PHONE, '王*', '139****5678'];

function assertNoTrace(value: unknown, where: string, traces: readonly string[] = TRACES): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const trace of traces) assert.ok(!text.includes(trace), `${where} contains "${trace}"`);
}

describe('reporter privacy', () => {
  let t: TestServer;
  const logLines: string[] = [];
  const tokens: Record<string, string> = {};
  let portalKey: string;
  let gridId: string;
  let issueId: string;
  let trackingCode: string;
  let reportPayload: unknown;

  const reporterAs = async (username: string) =>
    dataOf(await t.gql('query($id: ID!) { issue(id: $id) { reporter { anonymous name phone } } }', { id: issueId }, { token: tokens[username] })).issue.reporter;

  beforeAll(async () => {
    const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
    t = await startTestServer({ logger });
    for (const username of ['admin', 'cadre.zheng', 'cadre.sun', 'supervisor.liu', 'worker.lin', 'worker.gao']) tokens[username] = await t.login(username);
    portalKey = dataOf(await t.gql('mutation { createPortalKey(name: "隐私", allowedOrigins: ["https://privacy.example.gov.cn"]) { key } }', {}, { token: tokens.admin })).createPortalKey.key;
    gridId = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
    const res = await t.gql(
      'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode issue { trackingCode status category { code } gridName submittedAt updatedAt resolveDueAt timeline { type toStatus publicNote at } } } }',
      { input: { categoryCode: 'DOG_KEEPING', description: '楼下有人遛狗不牵绳', gridId, reporterName: NAME, reporterPhone: PHONE, idempotencyKey: 'privacy-1' } },
      { portalKey },
    );
    reportPayload = dataOf(res);
    trackingCode = dataOf(res).reportIssue.trackingCode;
    issueId = dataOf(await t.gql('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: trackingCode }, { token: tokens.admin })).issues.edges[0].node.id;
  });
  afterAll(() => t?.close());

  it('shows name and phone in full to admins and the grid worker, masked to cadres who are not the assignee', async () => {
    assert.deepEqual(await reporterAs('admin'), { anonymous: false, name: NAME, phone: PHONE });
    assert.deepEqual(await reporterAs('worker.lin'), { anonymous: false, name: NAME, phone: PHONE });
    assert.deepEqual(await reporterAs('cadre.zheng'), { anonymous: false, name: '王**', phone: '139****5678' });
    assert.deepEqual(await reporterAs('supervisor.liu'), { anonymous: false, name: '王**', phone: '139****5678' });
  });

  it('shows them in full to the assignee once assigned (and only then)', async () => {
    const zheng = dataOf(await t.gql('{ me { cadre { id } } }', {}, { token: tokens['cadre.zheng'] })).me.cadre.id;
    dataOf(await t.gql('mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status } }', { id: issueId, c: zheng }, { token: tokens['worker.lin'] }));
    assert.deepEqual(await reporterAs('cadre.zheng'), { anonymous: false, name: NAME, phone: PHONE });
    assert.deepEqual(await reporterAs('supervisor.liu'), { anonymous: false, name: '王**', phone: '139****5678' });
  });

  it('keeps nothing of an anonymous reporter', async () => {
    const code = dataOf(
      await t.gql('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', {
        input: { categoryCode: 'OTHER', description: '匿名反映', gridId, reporterName: NAME, reporterPhone: PHONE, anonymous: true, idempotencyKey: 'privacy-anon' },
      }, { portalKey }),
    ).reportIssue.trackingCode;
    const issue = dataOf(await t.gql('query($s: String) { issues(filter: { search: $s }) { edges { node { reporter { anonymous name phone } } } } }', { s: code }, { token: tokens.admin })).issues.edges[0].node;
    assert.deepEqual(issue.reporter, { anonymous: true, name: null, phone: null });
  });

  it('never puts them in the TrackedIssue (report payload or trackIssue)', async () => {
    assertNoTrace(reportPayload, 'reportIssue payload');
    assertNoTrace(await t.gql('query($c: String!) { trackIssue(trackingCode: $c) { trackingCode status gridName category { name } timeline { type toStatus publicNote at } } }', { c: trackingCode }), 'trackIssue');
  });

  it('never puts them in issue events', async () => {
    const timeline = dataOf(await t.gql('query($id: ID!) { issue(id: $id) { timeline { type note publicNote actorName } } }', { id: issueId }, { token: tokens.admin })).issue.timeline;
    assert.ok(timeline.length >= 2);
    assertNoTrace(timeline, 'timeline');
  });

  it('never puts them in error messages', async () => {
    const badPhone = await t.gql('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', {
      input: { categoryCode: 'OTHER', description: '电话错了', gridId, reporterName: NAME, reporterPhone: '1391234567X', idempotencyKey: 'privacy-bad-phone' },
    }, { portalKey });
    assert.equal(errorCode(badPhone), 'BAD_USER_INPUT');
    assert.ok(!JSON.stringify(badPhone.errors).includes('1391234567X'));
    assertNoTrace(badPhone.errors, 'validation error');
    const longName = await t.gql('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', {
      input: { categoryCode: 'OTHER', description: '名字太长', gridId, reporterName: `${NAME}${'明'.repeat(60)}`, idempotencyKey: 'privacy-long-name' },
    }, { portalKey });
    assert.equal(errorCode(longName), 'BAD_USER_INPUT');
    assertNoTrace(longName.errors, 'validation error');
  });

  it('keeps them out of the log and the answer when the database fails mid-report', async () => {
    // A constraint that refuses exactly this reporter makes the insert fail with the values in the driver's message.
    const name = '赵六';
    const phone = '13700001111';
    const conn = t.server.services.db.orm.em.fork().getConnection();
    await conn.execute(`alter table issue add constraint privacy_test_refuse check (reporter_phone is distinct from '${phone}')`);
    try {
      const res = await t.gql('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', {
        input: { categoryCode: 'OTHER', description: '数据库出错', gridId, reporterName: name, reporterPhone: phone, idempotencyKey: 'privacy-db-error' },
      }, { portalKey });
      assert.equal(errorCode(res), 'INTERNAL_SERVER_ERROR');
      assertNoTrace(res.errors, 'masked error', [name, phone]);
      const correlationId = res.errors![0].extensions!.correlationId;
      const entry = logLines.map((line) => JSON.parse(line)).find((e) => e.correlationId === correlationId);
      assert.ok(entry, 'the failure is logged under its correlation id');
      assert.equal(entry.err.constraint, 'privacy_test_refuse', 'with what diagnoses it');
      assertNoTrace(logLines.join('\n'), 'the log', [name, phone]);
    } finally {
      await conn.execute('alter table issue drop constraint privacy_test_refuse');
    }
    assert.ok(logLines.length > 0);
    assertNoTrace(logLines.join('\n'), 'the log');
  });
});

describe('scope: the issues assigned to a cadre', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('lets a county cadre see and work a grid No. 7 issue assigned to them (even after leaving the grid), and no other', async () => {
    const admin = await t.login('admin');
    const sun = await t.login('cadre.sun');
    const sunCadre = dataOf(await t.gql('{ me { cadre { id } } }', {}, { token: sun })).me.cadre.id;
    const report = (key: string) =>
      t.gql('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', {
        input: { categoryCode: 'OTHER', description: `范围测试 ${key}`, location: { latitude: 30.585, longitude: 114.305 }, reporterName: NAME, reporterPhone: PHONE, idempotencyKey: key },
      }, { token: admin });
    const idOf = async (code: string) =>
      dataOf(await t.gql('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: code }, { token: admin })).issues.edges[0].node.id;
    const assigned = await idOf(dataOf(await report('scope-assigned')).reportIssue.trackingCode);
    const other = await idOf(dataOf(await report('scope-other')).reportIssue.trackingCode);

    const read = (id: string) => t.gql('query($id: ID!) { issue(id: $id) { id reporter { phone } } }', { id }, { token: sun });
    assert.equal(errorCode(await read(assigned)), 'NOT_FOUND', 'out of scope before the assignment');
    const assign = () => t.gql('mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status } }', { id: assigned, c: sunCadre }, { token: admin });
    // Only a cadre whose scope covers the grid may be given its issues (the assignee reads the reporter).
    assert.equal(errorCode(await assign()), 'BAD_USER_INPUT');
    const gh07 = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
    const cadreGrid = (mutation: string) => t.gql(`mutation($c: ID!, $g: ID!) { ${mutation}(cadreId: $c, gridId: $g) { id } }`, { c: sunCadre, g: gh07 }, { token: admin });
    dataOf(await cadreGrid('assignCadre'));
    dataOf(await assign());
    // The cadre leaves the grid; the case assigned to it stays in its scope.
    dataOf(await cadreGrid('unassignCadre'));

    assert.deepEqual(dataOf(await read(assigned)).issue, { id: assigned, reporter: { phone: PHONE } }, 'in scope, and the assignee reads the reporter');
    assert.equal(errorCode(await read(other)), 'NOT_FOUND', 'the grid itself stays out of scope');
    const listed = dataOf(await t.gql('{ issues(first: 100) { edges { node { id } } } }', {}, { token: sun })).issues.edges.map((e: any) => e.node.id);
    assert.ok(listed.includes(assigned) && !listed.includes(other));
    assert.equal(dataOf(await t.gql('mutation($id: ID!) { startIssue(id: $id) { status } }', { id: assigned }, { token: sun })).startIssue.status, 'IN_PROGRESS');
    assert.equal(errorCode(await t.gql('mutation($id: ID!) { acceptIssue(id: $id) { status } }', { id: other }, { token: sun })), 'NOT_FOUND');
  });
});
