import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { ISSUE_FIELDS, TRACKED_FIELDS, createPortalKey, demoIds, reportInput, type DemoIds, dbOf } from '../support/issues';

const PORTAL_ORIGIN = 'https://portal.example.gov.cn';
const REPORTER = { name: '欧阳小梅', phone: '13987654321' };
const STAFF_NOTE = '内部：需协调环卫所三班';
const RESOLUTION = '内部：环卫所加派车辆清运，费用由街道承担';

describe('the closed loop, from report to closure and back', () => {
  let t: TestServer;
  let ids: DemoIds;
  let tokens: Record<string, string>;
  let issueId: string;
  let trackingCode: string;

  beforeAll(async () => {
    t = await startTestServer();
    ids = await demoIds(t);
    tokens = {};
    for (const user of ['admin', 'worker.lin', 'cadre.zheng', 'cadre.chen']) tokens[user] = await t.login(user);
  });
  afterAll(() => t?.close());

  const issueOf = async (token: string) =>
    dataOf(await t.gql<any>(`query($id: ID!) { issue(id: $id) { ${ISSUE_FIELDS} } }`, { id: issueId }, { token })).issue;

  const VARIABLE_TYPES: Record<string, string> = { v: 'Int', c: 'ID!', n: 'String', r: 'String!' };
  const mutate = async (user: string, mutation: string, vars: Record<string, unknown> = {}) => {
    const declarations = ['$id: ID!', ...Object.keys(vars).map((k) => `$${k}: ${VARIABLE_TYPES[k]}`)].join(', ');
    const res = dataOf(
      await t.gql<any>(`mutation(${declarations}) { r: ${mutation} { status version assignee { name } } }`, { id: issueId, ...vars }, { token: tokens[user] }),
    );
    return res.r as { status: string; version: number; assignee: { name: string } | null };
  };

  it('a resident reports through a portal and gets a tracking code and a SUBMITTED tracker', async () => {
    const portal = await createPortalKey(t, tokens.admin, [PORTAL_ORIGIN]);
    const res = dataOf(
      await t.gql<any>(
        `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode issue { ${TRACKED_FIELDS} } } }`,
        { input: reportInput(ids.grids['JC-DH-GH-07'].id, { reporterName: REPORTER.name, reporterPhone: REPORTER.phone }) },
        { portalKey: portal.key, origin: PORTAL_ORIGIN },
      ),
    );
    trackingCode = res.reportIssue.trackingCode;
    assert.match(trackingCode, /^LM-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    assert.equal(res.reportIssue.issue.status, 'SUBMITTED');
    assert.equal(res.reportIssue.issue.gridName, '桂花社区第7网格');
    assert.deepEqual(res.reportIssue.issue.timeline.map((e: any) => e.type), ['SUBMITTED']);

    const found = dataOf(
      await t.gql<any>('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: trackingCode }, { token: tokens['worker.lin'] }),
    );
    issueId = found.issues.edges[0].node.id;
    const issue = await issueOf(tokens['worker.lin']);
    assert.deepEqual(issue.reporter, { anonymous: false, name: REPORTER.name, phone: REPORTER.phone });
    assert.equal(issue.version, 1);
    assert.equal(issue.timeline[0].actorName, null, 'a public report names no actor');
  });

  it('runs the first round: accept, assign, start, escalate, comment, resolve', async () => {
    assert.deepEqual(await mutate('worker.lin', 'acceptIssue(id: $id, note: "已受理", expectedVersion: $v)', { v: 1 }), {
      status: 'ACCEPTED',
      version: 2,
      assignee: null,
    });
    const assigned = await mutate('worker.lin', 'assignIssue(id: $id, cadreId: $c, note: $n, expectedVersion: $v)', {
      v: 2,
      c: ids.cadres['郑大勇'].id,
      n: STAFF_NOTE,
    });
    assert.deepEqual(assigned, { status: 'ASSIGNED', version: 3, assignee: { name: '郑大勇' } });
    assert.equal((await mutate('cadre.zheng', 'startIssue(id: $id, expectedVersion: $v)', { v: 3 })).status, 'IN_PROGRESS');
    const escalated = await mutate('cadre.zheng', 'escalateIssue(id: $id, cadreId: $c, note: "需要市民政局协调", expectedVersion: $v)', {
      v: 4,
      c: ids.cadres['陈明远'].id,
    });
    assert.deepEqual(escalated, { status: 'ASSIGNED', version: 5, assignee: { name: '陈明远' } });
    assert.equal((await mutate('cadre.chen', 'startIssue(id: $id)')).version, 6);
    const commented = await mutate('cadre.chen', 'commentIssue(id: $id, note: "已联系环卫所", publicNote: "正在协调清运车辆")');
    assert.deepEqual(commented, { status: 'IN_PROGRESS', version: 6, assignee: { name: '陈明远' } }, 'a comment changes neither status nor version');
    const resolved = await mutate('cadre.chen', 'resolveIssue(id: $id, resolution: $r, publicNote: "垃圾已清运", expectedVersion: $v)', {
      v: 6,
      r: RESOLUTION,
    });
    assert.equal(resolved.status, 'RESOLVED');
    const issue = await issueOf(tokens.admin);
    assert.equal(issue.resolution, RESOLUTION);
  });

  it('an unsatisfied return visit records FOLLOWED_UP, then REOPENED back to the same assignee', async () => {
    const res = await mutate('worker.lin', 'recordFollowUp(id: $id, input: { method: PHONE, satisfaction: UNSATISFIED, comment: "还有异味" }, expectedVersion: $v)', {
      v: 7,
    });
    assert.deepEqual(res, { status: 'ASSIGNED', version: 8, assignee: { name: '陈明远' } }, 'one transaction, one version');
    const issue = await issueOf(tokens.admin);
    assert.equal(issue.resolution, null, 'the second round starts unresolved');
    assert.equal(issue.followUp.satisfaction, 'UNSATISFIED');
    assert.equal(issue.followUp.method, 'PHONE');
    assert.equal(issue.followUp.comment, '还有异味');
    assert.equal(issue.followUp.by, '林小红');
    const [followedUp, reopened] = issue.timeline.slice(-2);
    assert.deepEqual([followedUp.type, followedUp.fromStatus, followedUp.toStatus], ['FOLLOWED_UP', 'RESOLVED', 'FOLLOWED_UP']);
    assert.deepEqual([reopened.type, reopened.fromStatus, reopened.toStatus], ['REOPENED', 'FOLLOWED_UP', 'ASSIGNED']);
    const [row] = await dbOf(t).execute('select resolved_at, accepted_at from issue where id = ?', [issueId]);
    assert.equal(row.resolved_at, null, 'resolvedAt is cleared so statistics count it as unresolved');
    assert.notEqual(row.accepted_at, null);
  });

  it('runs the second round to a satisfied return visit and closure by a cadre of the grid', async () => {
    await mutate('cadre.chen', 'startIssue(id: $id, expectedVersion: $v)', { v: 8 });
    await mutate('cadre.chen', 'resolveIssue(id: $id, resolution: "加装除臭设备", expectedVersion: $v)', { v: 9 });
    const followed = await mutate('worker.lin', 'recordFollowUp(id: $id, input: { method: VISIT, satisfaction: BASICALLY_SATISFIED }, expectedVersion: $v)', {
      v: 10,
    });
    assert.equal(followed.status, 'FOLLOWED_UP');
    const closed = await mutate('cadre.zheng', 'closeIssue(id: $id, note: "闭环", expectedVersion: $v)', { v: 11 });
    assert.deepEqual(closed, { status: 'CLOSED', version: 12, assignee: { name: '陈明远' } });

    const issue = await issueOf(tokens.admin);
    assert.deepEqual(
      issue.timeline.map((e: any) => e.type),
      ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'STARTED', 'ESCALATED', 'STARTED', 'COMMENTED', 'RESOLVED', 'FOLLOWED_UP', 'REOPENED', 'STARTED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'],
    );
    // Every event starts where the last one ended; cursors increase; times never go back.
    let status: string | null = null;
    let lastCursorSeq = -1;
    for (const event of issue.timeline) {
      if (event.type !== 'COMMENTED') assert.equal(event.fromStatus, status, `${event.type} starts at ${status}`);
      status = event.toStatus;
      const seq = JSON.parse(Buffer.from(event.cursor, 'base64url').toString())[1];
      assert.ok(seq > lastCursorSeq);
      lastCursorSeq = seq;
    }
    assert.deepEqual(
      issue.timeline.map((e: any) => e.actorName),
      [null, '林小红', '林小红', '郑大勇', '郑大勇', '陈明远', '陈明远', '陈明远', '林小红', '林小红', '陈明远', '陈明远', '林小红', '郑大勇'],
    );
    assert.equal(issue.timeline[2].note, STAFF_NOTE);
    assert.equal(issue.timeline[7].note, RESOLUTION);
    assert.equal(issue.timeline[7].publicNote, '垃圾已清运');
    assert.equal(issue.followUp.satisfaction, 'BASICALLY_SATISFIED');
  });

  it('the public tracker shows the whole loop but no reporter, staff note or resolution', async () => {
    const res = await t.gql<any>(`query($c: String!) { trackIssue(trackingCode: $c) { ${TRACKED_FIELDS} } }`, { c: trackingCode.toLowerCase() });
    const tracked = dataOf(res).trackIssue;
    assert.equal(tracked.status, 'CLOSED');
    assert.equal(tracked.timeline.length, 14);
    assert.deepEqual(
      tracked.timeline.filter((e: any) => e.publicNote).map((e: any) => [e.type, e.publicNote]),
      [
        ['COMMENTED', '正在协调清运车辆'],
        ['RESOLVED', '垃圾已清运'],
        ['REOPENED', '根据您的回访意见，已重新交办处理。'],
      ],
    );
    const text = JSON.stringify(res);
    for (const secret of [REPORTER.name, REPORTER.phone, REPORTER.phone.slice(-4), STAFF_NOTE, RESOLUTION, '还有异味', '加装除臭设备', '已联系环卫所', '林小红', '陈明远']) {
      assert.ok(!text.includes(secret), `the tracker must not contain "${secret}"`);
    }
  });

  it('reopens a closed issue to the same assignee, clearing its resolution', async () => {
    const reopened = await mutate('worker.lin', 'reopenIssue(id: $id, reason: "居民再次反映", expectedVersion: $v)', { v: 12 });
    assert.deepEqual(reopened, { status: 'ASSIGNED', version: 13, assignee: { name: '陈明远' } });
    const [row] = await dbOf(t).execute('select resolved_at, resolution from issue where id = ?', [issueId]);
    assert.equal(row.resolved_at, null);
    assert.equal(row.resolution, null);
    const last = (await issueOf(tokens.admin)).timeline.at(-1);
    assert.deepEqual([last.type, last.fromStatus, last.toStatus, last.note], ['REOPENED', 'CLOSED', 'ASSIGNED', '居民再次反映']);
  });

  it("lists it on the assignee's duty list, oldest deadline first, and on the grid", async () => {
    const chenId = ids.cadres['陈明远'].id;
    const data = dataOf(
      await t.gql<any>(
        `query($c: ID!, $g: ID!) {
          cadre(id: $c) { duties(first: 50) { totalCount edges { node { id resolveDueAt assignee { id } } } } }
          grid(id: $g) { issues(first: 100) { totalCount edges { node { id } } } }
        }`,
        { c: chenId, g: ids.grids['JC-DH-GH-07'].id },
        { token: tokens.admin },
      ),
    );
    const duties = data.cadre.duties.edges.map((e: any) => e.node);
    assert.ok(duties.some((d: any) => d.id === issueId));
    assert.ok(duties.every((d: any) => d.assignee.id === chenId));
    const deadlines = duties.map((d: any) => d.resolveDueAt);
    assert.deepEqual(deadlines, [...deadlines].sort(), 'oldest deadline first');
    assert.ok(data.grid.issues.edges.some((e: any) => e.node.id === issueId));
  });

  it("the demo city's duty lists work with real data, filtered by status and paged", async () => {
    const zhengId = ids.cadres['郑大勇'].id;
    const all = dataOf(
      await t.gql<any>('query($c: ID!) { cadre(id: $c) { duties(first: 100) { totalCount edges { node { status resolveDueAt } } } } }', { c: zhengId }, { token: tokens['cadre.zheng'] }),
    ).cadre.duties;
    assert.ok(all.totalCount >= 3, 'the demo gives 郑大勇 several issues');
    const resolved = dataOf(
      await t.gql<any>('query($c: ID!) { cadre(id: $c) { duties(status: [RESOLVED], first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { status } } } } }', { c: zhengId }, { token: tokens['cadre.zheng'] }),
    ).cadre.duties;
    assert.equal(resolved.totalCount, all.edges.filter((e: any) => e.node.status === 'RESOLVED').length);
    assert.ok(resolved.edges.every((e: any) => e.node.status === 'RESOLVED'));
  });
});
