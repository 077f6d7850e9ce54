/**
 * Issue 14's "done when", through the SDK against a live API: report → accept
 * → assign → return (NOT_OUR_RESPONSIBILITY) → reassign → request extension →
 * approve → urge → resolve → unsatisfied follow-up (reopened) → resolve →
 * satisfied → close, with a merged duplicate whose tracker follows the
 * primary; then `performance` shows the two cadres' rows as computed by hand.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import WebSocket from 'ws';
import { createClient, type LastmeterClient } from '../../sdk/src/index.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/harness';

async function signedIn(t: TestServer, username: string): Promise<LastmeterClient> {
  const client = createClient({ url: t.graphqlUrl });
  await client.login({ username, password: DEMO_PASSWORD });
  return client;
}

const close = (actual: number | null | undefined, expected: number) => assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);

describe('SDK: the dispatch story end to end', () => {
  let t: TestServer;
  let admin: LastmeterClient;
  let lin: LastmeterClient;
  let zheng: LastmeterClient;
  let chen: LastmeterClient;
  let liu: LastmeterClient;
  let resident: LastmeterClient;

  beforeAll(async () => {
    t = await startTestServer();
    [admin, lin, zheng, chen, liu] = await Promise.all(['admin', 'worker.lin', 'cadre.zheng', 'cadre.chen', 'supervisor.liu'].map((u) => signedIn(t, u)));
    resident = createClient({ url: t.graphqlUrl });
  });
  afterAll(() => t?.close());

  it('runs the story, the duplicate follows the primary, and performance shows both cadres as computed by hand', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const grid = (await lin.gridAt({ latitude: 30.585, longitude: 114.305 }))!;
    const zhengId = (await zheng.me())!.cadre!.id;
    const chenId = (await chen.me())!.cadre!.id;
    const report = await lin.reportIssue({ input: { categoryCode: 'GARBAGE', description: '小区门口垃圾堆积，无人清运。', gridId: grid.id } });
    const found = await lin.issues({ filter: { search: report.trackingCode } });
    const id = found.edges[0].node.id;

    let issue = await lin.acceptIssue({ id });
    issue = await lin.assignIssue({ id, cadreId: zhengId, expectedVersion: issue.version });
    assert.ok(issue.availableActions.includes('ASSIGN') === false);
    assert.deepEqual((await zheng.issue({ id }))!.availableActions.includes('RETURN'), true);
    issue = await zheng.returnIssue({ id, reason: 'NOT_OUR_RESPONSIBILITY', note: '属于物业公司职责', expectedVersion: issue.version });
    assert.equal(issue.status, 'RETURNED');
    assert.equal(issue.returnReason, 'NOT_OUR_RESPONSIBILITY');
    const returnedView = (await resident.trackIssue({ trackingCode: report.trackingCode }))!;
    assert.equal(returnedView.status, 'RETURNED', 'the resident sees it being re-dispatched');

    issue = await liu.reassignIssue({ id, cadreId: chenId, note: '改派民政局', expectedVersion: issue.version });
    assert.equal(issue.assignee?.id, chenId);
    const until = new Date(Date.parse(issue.resolveDueAt) + 2 * 86_400_000).toISOString();
    issue = await chen.requestExtension({ id, until, reason: '需协调物业公司', expectedVersion: issue.version });
    assert.equal(issue.extension?.status, 'PENDING');
    issue = await liu.decideExtension({ id, approve: true, note: '同意', expectedVersion: issue.version });
    assert.equal(issue.resolveDueAt, until);
    assert.equal((await resident.trackIssue({ trackingCode: report.trackingCode }))!.extendedTo, until);
    issue = await liu.urgeIssue({ id, note: '居民再次来电' });
    assert.equal(issue.urgeCount, 1);
    issue = await liu.superviseIssue({ id, supervised: true });
    assert.equal(issue.supervised, true);

    issue = await chen.resolveIssue({ id, resolution: '已联系物业清运', expectedVersion: issue.version });
    issue = await lin.recordFollowUp({ id, input: { method: 'PHONE', satisfaction: 'UNSATISFIED', comment: '还有残留' }, expectedVersion: issue.version });
    assert.equal(issue.status, 'ASSIGNED', 'unsatisfied: reopened to the same assignee');
    issue = await chen.resolveIssue({ id, resolution: '已彻底清理', expectedVersion: issue.version });
    issue = await lin.recordFollowUp({ id, input: { method: 'VISIT', satisfaction: 'SATISFIED' }, expectedVersion: issue.version });
    issue = await lin.closeIssue({ id, expectedVersion: issue.version });
    assert.equal(issue.status, 'CLOSED');
    assert.deepEqual(
      issue.timeline.map((e) => e.type),
      ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'RETURNED', 'REASSIGNED', 'EXTENSION_REQUESTED', 'EXTENSION_APPROVED', 'URGED', 'SUPERVISED',
        'RESOLVED', 'FOLLOWED_UP', 'REOPENED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'],
    );

    // A duplicate reported meanwhile is merged into an open primary; its resident tracker follows the primary.
    const primaryReport = await lin.reportIssue({ input: { categoryCode: 'GARBAGE', description: '门口垃圾又堆起来了。', gridId: grid.id } });
    const duplicateReport = await lin.reportIssue({ input: { categoryCode: 'GARBAGE', description: '门口垃圾堆积。', gridId: grid.id } });
    const primaryId = (await lin.issues({ filter: { search: primaryReport.trackingCode } })).edges[0].node.id;
    const duplicateId = (await lin.issues({ filter: { search: duplicateReport.trackingCode } })).edges[0].node.id;
    const candidates = await liu.duplicateCandidates({ id: duplicateId, first: 50 });
    assert.ok(candidates.some((c) => c.id === primaryId && c.trackingCode === primaryReport.trackingCode), 'the primary is offered as a candidate');
    assert.ok(!candidates.some((c) => c.id === duplicateId), 'never the issue itself');
    const merged = await liu.mergeIssue({ id: duplicateId, intoId: primaryId, note: '重复反映' });
    assert.equal(merged.status, 'MERGED');
    assert.equal(merged.mergedInto?.id, primaryId);
    await lin.acceptIssue({ id: primaryId });
    const tracked = (await resident.trackIssue({ trackingCode: duplicateReport.trackingCode }))!;
    assert.equal(tracked.status, 'MERGED');
    assert.equal(tracked.mergedInto?.trackingCode, primaryReport.trackingCode);
    assert.equal(tracked.mergedInto?.status, 'ACCEPTED', 'the primary as it is now');

    // 考核, by hand. 郑大勇: given it once, answered (returned) in time, resolved nothing, returned it.
    // 陈明远: given it once, answered (resolved) in time, resolved it in time (after the extension), two
    // return visits of which one satisfied, one reopening. Score = weighted mean of the non-null rates × 100.
    const to = new Date(Date.now() + 60_000).toISOString();
    const rows = await admin.performance({ groupBy: 'CADRE', from, to });
    const row = (name: string) => rows.find((r) => r.name === name)!;
    const z = row('郑大勇');
    const c = row('陈明远');
    assert.deepEqual(
      [z.assigned, z.respondedOnTime, z.resolved, z.resolvedOnTime, z.returned, z.overdue, z.followedUp, z.satisfied, z.reopened],
      [1, 1, 0, 0, 1, 0, 0, 0, 0],
    );
    assert.deepEqual(
      [c.assigned, c.respondedOnTime, c.resolved, c.resolvedOnTime, c.returned, c.overdue, c.followedUp, c.satisfied, c.reopened],
      [1, 1, 1, 1, 0, 0, 2, 1, 1],
    );
    close(z.responseRate, 1);
    close(z.resolutionRate, 0);
    assert.equal(z.onTimeRate, null);
    assert.equal(z.satisfactionRate, null);
    close(z.returnRate, 1);
    close(z.score, ((30 * 1 + 35 * 0) / 65) * 100);
    close(c.satisfactionRate, 0.5);
    close(c.onTimeRate, 1);
    close(c.score, 30 + 35 + 35 * 0.5);
    assert.equal(c.rank, 1);
    assert.equal(z.rank, 2);
    assert.equal(rows.length, 2, 'nobody else was given an issue in the period');
    assert.equal(z.cadre?.id, zhengId);

    // By unit and by region: the same handings, grouped.
    const units = await admin.performance({ groupBy: 'UNIT', from, to });
    assert.deepEqual(units.map((u) => [u.name, u.assigned]).sort(), [['临江市民政局', 1], ['桂花社区居民委员会', 1]]);
    const top = await admin.performance({ groupBy: 'REGION', from, to });
    assert.equal(top.length, 1);
    assert.equal(top[0].assigned, 2);
    assert.equal(top[0].region?.level, 'CITY');
    // Bad input and scope.
    await assert.rejects(admin.performance({ groupBy: 'CADRE', from: to, to: from }), /from must be before to/);
    await assert.rejects(lin.performance({ groupBy: 'CADRE' }), /admins and cadres with a scope region/);
  });

  it('a merged report\'s live tracker follows the primary; the assignee\'s live feed gets an urge at once', async () => {
    const grid = (await lin.gridAt({ latitude: 30.585, longitude: 114.305 }))!;
    const primary = await lin.reportIssue({ input: { categoryCode: 'GARBAGE', description: '路口垃圾桶满了。', gridId: grid.id } });
    const duplicate = await lin.reportIssue({ input: { categoryCode: 'GARBAGE', description: '路口垃圾桶溢出。', gridId: grid.id } });
    const idOf = async (code: string) => (await lin.issues({ filter: { search: code } })).edges[0].node.id;
    const [primaryId, duplicateId] = [await idOf(primary.trackingCode), await idOf(duplicate.trackingCode)];
    const live = createClient({ url: t.graphqlUrl, webSocketImpl: WebSocket });
    const tracker = live.issueTracked({ trackingCode: duplicate.trackingCode })[Symbol.asyncIterator]();
    const next = async (what: string) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10_000)));
      try {
        const result = await Promise.race([tracker.next(), timeout]);
        assert.equal(result.done, false);
        return result.value;
      } finally {
        clearTimeout(timer);
      }
    };
    assert.equal((await next('the snapshot')).status, 'SUBMITTED');
    await liu.mergeIssue({ id: duplicateId, intoId: primaryId });
    const merged = await next('the merge');
    assert.equal(merged.status, 'MERGED');
    assert.equal(merged.mergedInto?.status, 'SUBMITTED');
    // A move on the primary alone reaches the duplicate's tracker.
    await lin.acceptIssue({ id: primaryId });
    const followed = await next('the primary being accepted');
    assert.equal(followed.mergedInto?.trackingCode, primary.trackingCode);
    assert.equal(followed.mergedInto?.status, 'ACCEPTED');
    await tracker.return!();
    await live.dispose();

    // 催办 reaches the assignee's live feed.
    const zhengId = (await zheng.me())!.cadre!.id;
    await lin.assignIssue({ id: primaryId, cadreId: zhengId });
    const zhengLive = createClient({ url: t.graphqlUrl, webSocketImpl: WebSocket });
    await zhengLive.login({ username: 'cadre.zheng', password: DEMO_PASSWORD });
    const feed = zhengLive.issueEvents({ filter: {} })[Symbol.asyncIterator]();
    const pending = feed.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await liu.urgeIssue({ id: primaryId, note: '请今天处理' });
    let seen = false;
    for (let k = 0; k < 10 && !seen; k++) {
      const result = await Promise.race([k === 0 ? pending : feed.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no urge in the feed')), 10_000))]);
      const event = (result as IteratorResult<any>).value;
      seen = event.type === 'URGED' && event.issue.id === primaryId && event.issue.urgeCount === 1;
    }
    assert.ok(seen, 'the URGED event reached the assignee');
    await feed.return!();
    await zhengLive.dispose();
  });
});
