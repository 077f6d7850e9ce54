/**
 * The closed loop through the SDK against a live API: a portal reports, the
 * resident tracks, staff move the issue through every transition method; a
 * network failure during reportIssue is retried into exactly one issue.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createClient, type Grid, type LastmeterClient } from '../../sdk/src/index.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/harness';
import { lastmeterErrorOf } from '../support/sdk-errors';

async function signedIn(t: TestServer, username: string): Promise<LastmeterClient> {
  const client = createClient({ url: t.graphqlUrl });
  await client.login({ username, password: DEMO_PASSWORD });
  return client;
}

describe('SDK against a live server: report, track, every transition', () => {
  let t: TestServer;
  let admin: LastmeterClient;
  let worker: LastmeterClient;
  let zheng: LastmeterClient;
  let chen: LastmeterClient;
  let portal: LastmeterClient;
  let grid7: Grid;
  let cadreIds: { zheng: string; chen: string };

  beforeAll(async () => {
    t = await startTestServer();
    [admin, worker, zheng, chen] = await Promise.all(['admin', 'worker.lin', 'cadre.zheng', 'cadre.chen'].map((u) => signedIn(t, u)));
    const key = await admin.createPortalKey({ name: 'sdk test portal', allowedOrigins: ['https://portal.example.gov.cn'] });
    portal = createClient({ url: t.graphqlUrl, portalKey: key.key! });
    grid7 = (await portal.gridAt({ latitude: 30.585, longitude: 114.305 }))!;
    cadreIds = { zheng: (await zheng.me())!.cadre!.id, chen: (await chen.me())!.cadre!.id };
  });
  afterAll(() => t?.close());

  /** The issue as staff see it, found by its tracking code. */
  async function issueByCode(trackingCode: string) {
    const page = await admin.issues({ filter: { search: trackingCode } });
    assert.equal(page.totalCount, 1, `exactly one issue has code ${trackingCode}`);
    return page.edges[0].node;
  }

  it('a portal reports without an idempotency key; the resident tracks it by code', async () => {
    const report = await portal.reportIssue({
      input: { categoryCode: 'GARBAGE', description: '垃圾桶三天没有清运。', gridId: grid7.id, reporterName: '王居民', reporterPhone: '13912345678' },
    });
    assert.match(report.trackingCode, /\w/);
    assert.equal(report.issue.status, 'SUBMITTED');
    assert.equal(report.issue.gridName, grid7.name);
    const tracked = await createClient({ url: t.graphqlUrl }).trackIssue({ trackingCode: report.trackingCode });
    assert.equal(tracked?.status, 'SUBMITTED');
    assert.deepEqual(tracked?.timeline.map((e) => e.type), ['SUBMITTED']);
  });

  it('the same idempotency key returns the same issue', async () => {
    const input = { categoryCode: 'GARBAGE', description: '同一份报告送了两次。', gridId: grid7.id, idempotencyKey: `sdk-same-key-${Date.now()}` };
    const first = await portal.reportIssue({ input });
    const second = await portal.reportIssue({ input });
    assert.equal(second.trackingCode, first.trackingCode);
    await issueByCode(first.trackingCode);
  });

  it('a network failure after the server answered reportIssue is retried into exactly one issue', async () => {
    const keys: string[] = [];
    const answered: string[] = [];
    let failed = false;
    // The first reportIssue reaches the server, which files it; then the answer is "lost".
    const flakyFetch: typeof fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body));
      if (body.operationName === 'ReportIssue') keys.push(body.variables.input.idempotencyKey);
      const response = await fetch(input, init);
      if (body.operationName === 'ReportIssue' && !failed) {
        failed = true;
        answered.push((await response.json()).data.reportIssue.trackingCode);
        throw new TypeError('fetch failed: connection reset by peer');
      }
      return response;
    };
    const key = await admin.createPortalKey({ name: 'flaky portal', allowedOrigins: [] });
    const flaky = createClient({ url: t.graphqlUrl, portalKey: key.key!, fetch: flakyFetch, retry: { retries: 3, minDelayMs: 10, maxDelayMs: 50 } });
    const before = (await admin.issues({ first: 1 })).totalCount;

    const report = await flaky.reportIssue({ input: { categoryCode: 'DISORDERLY_PARKING', description: '小区门口车辆乱停。', gridId: grid7.id } });

    assert.equal(keys.length, 2, 'one attempt and one retry');
    assert.equal(keys[0], keys[1], 'the retry carried the same idempotency key');
    assert.equal(report.trackingCode, answered[0], 'the retry got the issue the lost answer was about');
    assert.equal((await admin.issues({ first: 1 })).totalCount, before + 1, 'exactly one issue more');
    await issueByCode(report.trackingCode);
  });

  it('moves an issue through every transition, with an unsatisfied return visit and a second round', async () => {
    const { trackingCode } = await portal.reportIssue({ input: { categoryCode: 'PROPERTY_SERVICE', description: '电梯故障一周。', gridId: grid7.id } });
    const { id } = await issueByCode(trackingCode);

    let issue = await worker.acceptIssue({ id, note: '已受理', expectedVersion: 1 });
    assert.equal(issue.status, 'ACCEPTED');
    issue = await worker.assignIssue({ id, cadreId: cadreIds.zheng, expectedVersion: issue.version });
    assert.equal(issue.assignee?.id, cadreIds.zheng);
    issue = await zheng.startIssue({ id, expectedVersion: issue.version });
    assert.equal(issue.status, 'IN_PROGRESS');
    issue = await zheng.commentIssue({ id, note: '联系了物业', publicNote: '已联系物业公司' });
    assert.equal(issue.status, 'IN_PROGRESS');
    issue = await zheng.resolveIssue({ id, resolution: '物业已修好电梯', publicNote: '电梯已修复', expectedVersion: issue.version });
    assert.equal(issue.status, 'RESOLVED');

    // The resident is not satisfied: back to the same assignee.
    issue = await worker.recordFollowUp({ id, input: { method: 'PHONE', satisfaction: 'UNSATISFIED', comment: '仍有异响' }, expectedVersion: issue.version });
    assert.equal(issue.status, 'ASSIGNED');
    assert.equal(issue.assignee?.id, cadreIds.zheng);
    assert.deepEqual(issue.timeline.slice(-2).map((e) => e.type), ['FOLLOWED_UP', 'REOPENED']);

    // Second round: escalated to a city cadre, resolved, satisfied, closed, reopened.
    issue = await zheng.escalateIssue({ id, cadreId: cadreIds.chen, note: '需要市住建局协调', expectedVersion: issue.version });
    assert.equal(issue.assignee?.id, cadreIds.chen);
    issue = await chen.startIssue({ id, expectedVersion: issue.version });
    issue = await chen.resolveIssue({ id, resolution: '更换电梯主机', expectedVersion: issue.version });
    issue = await worker.recordFollowUp({ id, input: { method: 'VISIT', satisfaction: 'SATISFIED' }, expectedVersion: issue.version });
    assert.equal(issue.status, 'FOLLOWED_UP');
    assert.equal(issue.followUp?.satisfaction, 'SATISFIED');
    issue = await worker.closeIssue({ id, note: '结案', expectedVersion: issue.version });
    assert.equal(issue.status, 'CLOSED');
    issue = await worker.reopenIssue({ id, reason: '居民再次反映', expectedVersion: issue.version });
    assert.equal(issue.status, 'ASSIGNED');

    const tracked = await portal.trackIssue({ trackingCode });
    assert.equal(tracked?.status, 'ASSIGNED');
    assert.ok(tracked!.timeline.some((e) => e.publicNote === '电梯已修复'));
    assert.ok(!JSON.stringify(tracked).includes('联系了物业'), 'staff notes stay out of the public tracker');
  });

  it('rejects, and answers CONFLICT for a stale version and for an illegal move', async () => {
    const { trackingCode } = await portal.reportIssue({ input: { categoryCode: 'OTHER', description: '测试：不属实的报告。', gridId: grid7.id } });
    const { id } = await issueByCode(trackingCode);
    const stale = await lastmeterErrorOf(worker.acceptIssue({ id, expectedVersion: 99 }));
    assert.equal(stale.code, 'CONFLICT');
    const rejected = await worker.rejectIssue({ id, reason: '不属实' });
    assert.equal(rejected.status, 'REJECTED');
    const illegal = await lastmeterErrorOf(worker.acceptIssue({ id }));
    assert.equal(illegal.code, 'CONFLICT');
    assert.equal(illegal.graphQLErrors[0].extensions?.code, 'CONFLICT');
  });

  it('records a visit', async () => {
    const visit = await zheng.recordVisit({ input: { gridId: grid7.id, kind: 'HOUSEHOLD_VISIT', notes: '走访独居老人', households: 3 } });
    assert.equal(visit.kind, 'HOUSEHOLD_VISIT');
    assert.equal(visit.grid.id, grid7.id);
    assert.equal(visit.households, 3);
    assert.equal(visit.cadre?.id, cadreIds.zheng);
  });
});
