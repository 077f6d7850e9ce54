import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type GraphQLResponse, type TestServer } from '../support/harness';
import { act, dbOf, demoIds, issueInStatus, reportInput, reportIssue, type DemoIds } from '../support/issues';
import { noisyJpeg } from '../support/images';
import { upload } from '../support/photo-client';

/**
 * Dispatch operations (issue 14) through the API: 退单, 改派, refusal of a
 * return, 延期, 催办, 督办, 合并 — each move, each refusal, and
 * `availableActions` checked against what the API actually lets each role do.
 */

const ISSUE = `id status version supervised urgeCount returnReason resolveDueAt assignee { id name }
  extension { status requestedDueAt reason requestedBy decidedBy decisionNote }
  mergedInto { id status } duplicates { id } timeline { type fromStatus toStatus note publicNote }`;

/** One representative mutation per IssueAction (ADD_PHOTOS belongs to the photos work). */
type MoveCall = { query: string; vars: Record<string, unknown> };
type Move = (issue: { id: string; version: number; supervised: boolean; resolveDueAt: string }, token: string) => MoveCall | Promise<MoveCall>;

describe('dispatch operations', () => {
  let t: TestServer;
  let ids: DemoIds;
  let admin: string;
  let lin: string;
  let zheng: string;
  let chen: string;
  let liu: string;
  let sun: string;
  let gh07: string;
  let cadreIds: { cadreId: string; higherCadreId: string };

  const read = async (token: string, id: string) => dataOf(await t.gql<any>(`query($id: ID!) { issue(id: $id) { ${ISSUE} } }`, { id }, { token })).issue;
  const run = (token: string, query: string, vars: Record<string, unknown>) => t.gql<any>(query, vars, { token });
  const assigned = () => issueInStatus(t, admin, gh07, 'ASSIGNED', cadreIds);
  const fieldOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.field;

  const RETURN = `mutation($id: ID!, $v: Int, $note: String!) { r: returnIssue(id: $id, reason: NOT_OUR_RESPONSIBILITY, note: $note, expectedVersion: $v) { ${ISSUE} } }`;
  const REASSIGN = `mutation($id: ID!, $c: ID!, $v: Int) { r: reassignIssue(id: $id, cadreId: $c, note: "改派", expectedVersion: $v) { ${ISSUE} } }`;
  const REFUSE = `mutation($id: ID!, $v: Int) { r: refuseReturn(id: $id, note: "属于本单位职责", expectedVersion: $v) { ${ISSUE} } }`;
  const REQUEST = `mutation($id: ID!, $u: DateTimeISO!, $reason: String!, $v: Int) { r: requestExtension(id: $id, until: $u, reason: $reason, expectedVersion: $v) { ${ISSUE} } }`;
  const DECIDE = `mutation($id: ID!, $a: Boolean!, $v: Int) { r: decideExtension(id: $id, approve: $a, note: "同意", expectedVersion: $v) { ${ISSUE} } }`;
  const URGE = `mutation($id: ID!, $note: String!) { r: urgeIssue(id: $id, note: $note) { ${ISSUE} } }`;
  const SUPERVISE = `mutation($id: ID!, $s: Boolean!) { r: superviseIssue(id: $id, supervised: $s, note: "列入督办") { ${ISSUE} } }`;
  const MERGE = `mutation($id: ID!, $into: ID!) { r: mergeIssue(id: $id, intoId: $into, note: "重复上报") { ${ISSUE} } }`;

  beforeAll(async () => {
    t = await startTestServer();
    ids = await demoIds(t);
    admin = await t.login('admin');
    [lin, zheng, chen, liu, sun] = await Promise.all(['worker.lin', 'cadre.zheng', 'cadre.chen', 'supervisor.liu', 'cadre.sun'].map((u) => t.login(u)));
    gh07 = ids.grids['JC-DH-GH-07'].id;
    cadreIds = { cadreId: ids.cadres['郑大勇'].id, higherCadreId: ids.cadres['陈明远'].id };
  });
  afterAll(() => t?.close());

  it('退单 and 改派: the assignee returns with a reason; a dispatcher in scope reassigns to a cadre of the grid', async () => {
    const issue = await assigned();
    assert.equal(errorCode(await run(chen, RETURN, { id: issue.id, note: '不是我的' })), 'FORBIDDEN', 'only the assignee returns');
    const byAdmin = await run(admin, RETURN, { id: issue.id, note: '管理员代为退单' });
    assert.equal(errorCode(byAdmin), 'FORBIDDEN', 'not even an admin returns for the assignee');
    assert.match(byAdmin.errors![0].message, /assigned cadre alone/);
    const empty = await run(zheng, RETURN, { id: issue.id, note: '  ' });
    assert.equal(errorCode(empty), 'BAD_USER_INPUT');
    assert.equal(fieldOf(empty), 'note');
    const returned = dataOf(await run(zheng, RETURN, { id: issue.id, note: '属于供水公司职责', v: issue.version })).r;
    assert.equal(returned.status, 'RETURNED');
    assert.equal(returned.returnReason, 'NOT_OUR_RESPONSIBILITY');
    assert.equal(returned.version, issue.version + 1);
    assert.deepEqual(returned.timeline.at(-1), { type: 'RETURNED', fromStatus: 'ASSIGNED', toStatus: 'RETURNED', note: '属于供水公司职责', publicNote: '正在重新派单。' });
    for (const from of [null, '2000-01-01T00:00:00.000Z']) {
      const counts = dataOf(await t.gql<any>('query($from: DateTimeISO) { issueStats(from: $from) { returned } }', { from }, { token: admin })).issueStats;
      assert.ok(counts.returned >= 1, `the returned issue is counted (from ${from})`);
    }

    // Returned work is dispatch's: not the assignee's to resolve, not a cadre-without-scope's to reassign.
    assert.equal(errorCode(await act(t, zheng, 'resolve', issue.id, cadreIds)), 'CONFLICT');
    assert.equal(errorCode(await run(chen, REASSIGN, { id: issue.id, c: ids.cadres['陈明远'].id })), 'FORBIDDEN');
    // Unknown, out of scope, the one who returned it: each a clear error naming cadreId.
    const unknown = await run(liu, REASSIGN, { id: issue.id, c: '00000000-0000-4000-8000-000000000000' });
    assert.equal(errorCode(unknown), 'NOT_FOUND');
    assert.match(unknown.errors![0].message, /cadreId/);
    const outside = await run(liu, REASSIGN, { id: issue.id, c: ids.cadres['孙丽华'].id });
    assert.equal(errorCode(outside), 'BAD_USER_INPUT');
    assert.equal(fieldOf(outside), 'cadreId');
    assert.equal(fieldOf(await run(liu, REASSIGN, { id: issue.id, c: ids.cadres['郑大勇'].id })), 'cadreId');

    const reassigned = dataOf(await run(liu, REASSIGN, { id: issue.id, c: ids.cadres['陈明远'].id, v: returned.version })).r;
    assert.equal(reassigned.status, 'ASSIGNED');
    assert.equal(reassigned.assignee.name, '陈明远');
    assert.equal(reassigned.returnReason, null);
    assert.equal(reassigned.timeline.at(-1).type, 'REASSIGNED');
    // Reassigning works on assigned issues too, and the new assignee may now start.
    assert.equal(dataOf(await act(t, chen, 'start', issue.id, cadreIds)).r.status, 'IN_PROGRESS');
    const again = dataOf(await run(liu, REASSIGN, { id: issue.id, c: ids.cadres['周文斌'].id })).r;
    assert.equal(again.assignee.name, '周文斌');
    assert.equal(again.status, 'ASSIGNED');
  });

  it('a dispatcher whose only link to the grid is a scope region does not reassign to herself', async () => {
    const fl02 = ids.grids['JC-DH-FL-02'].id;
    const issue = await issueInStatus(t, admin, fl02, 'ASSIGNED', { cadreId: ids.cadres['赵海峰'].id, higherCadreId: cadreIds.higherCadreId });
    const self = await run(liu, REASSIGN, { id: issue.id, c: ids.cadres['刘思琪'].id });
    assert.equal(errorCode(self), 'BAD_USER_INPUT');
    assert.equal(fieldOf(self), 'cadreId');
    // An admin may hand it to her: her scope region covers the grid.
    assert.equal(dataOf(await run(admin, REASSIGN, { id: issue.id, c: ids.cadres['刘思琪'].id })).r.assignee.name, '刘思琪');
  });

  it('refusing a return hands it back to the same assignee without restarting the response clock', async () => {
    const issue = await assigned();
    const before = await dbOf(t).execute<{ accepted_at: Date }[]>('select accepted_at from issue where id = ?', [issue.id]);
    const returned = dataOf(await run(zheng, RETURN, { id: issue.id, note: '信息不全' })).r;
    assert.equal(errorCode(await run(zheng, REFUSE, { id: issue.id })), 'FORBIDDEN', 'the assignee does not refuse their own return');
    const refused = dataOf(await run(liu, REFUSE, { id: issue.id, v: returned.version })).r;
    assert.equal(refused.status, 'ASSIGNED');
    assert.equal(refused.assignee.name, '郑大勇');
    assert.equal(refused.timeline.at(-1).type, 'RETURN_REFUSED');
    const after = await dbOf(t).execute<{ accepted_at: Date }[]>('select accepted_at from issue where id = ?', [issue.id]);
    assert.equal(new Date(after[0].accepted_at).getTime(), new Date(before[0].accepted_at).getTime());
    assert.equal(errorCode(await run(liu, REFUSE, { id: issue.id })), 'CONFLICT', 'nothing left to refuse');
  });

  it('延期: one pending request before the deadline, decided by another supervisor in scope; approval moves the deadline', async () => {
    const issue = await assigned();
    const due = new Date((await read(admin, issue.id)).resolveDueAt);
    const later = new Date(due.getTime() + 3 * 86_400_000).toISOString();
    const past = await run(zheng, REQUEST, { id: issue.id, u: new Date(Date.now() - 60_000).toISOString(), reason: '需要采购配件' });
    assert.equal(errorCode(past), 'BAD_USER_INPUT');
    assert.equal(fieldOf(past), 'until');
    assert.match(past.errors![0].message, /in the past/);
    const early = await run(zheng, REQUEST, { id: issue.id, u: new Date(due.getTime() - 60_000).toISOString(), reason: '需要采购配件' });
    assert.equal(fieldOf(early), 'until');
    assert.match(early.errors![0].message, /after the current resolve deadline/);
    assert.equal(fieldOf(await run(zheng, REQUEST, { id: issue.id, u: later, reason: '' })), 'reason');
    const farOff = await run(zheng, REQUEST, { id: issue.id, u: '2999-01-01T00:00:00.000Z', reason: '需要采购配件' });
    assert.equal(fieldOf(farOff), 'until');
    assert.match(farOff.errors![0].message, /more than a year after the current resolve deadline/);
    assert.equal(errorCode(await run(chen, REQUEST, { id: issue.id, u: later, reason: '需要采购配件' })), 'FORBIDDEN');
    assert.equal(errorCode(await run(admin, REQUEST, { id: issue.id, u: later, reason: '管理员代为申请' })), 'FORBIDDEN', 'the assignee asks, no one else');

    const requested = dataOf(await run(zheng, REQUEST, { id: issue.id, u: later, reason: '需要采购配件', v: issue.version })).r;
    assert.equal(requested.extension.status, 'PENDING');
    assert.equal(requested.extension.requestedDueAt, later);
    assert.equal(requested.extension.requestedBy, '郑大勇');
    assert.equal(requested.resolveDueAt, due.toISOString(), 'the deadline moves only on approval');
    const second = await run(zheng, REQUEST, { id: issue.id, u: later, reason: '再次申请' });
    assert.equal(errorCode(second), 'CONFLICT');
    assert.match(second.errors![0].message, /already pending/);

    assert.equal(errorCode(await run(chen, DECIDE, { id: issue.id, a: true })), 'FORBIDDEN', 'a cadre without a scope region does not decide');
    const STATS = 'query($from: DateTimeISO) { issueStats(from: $from) { returned extended } }';
    const extendedBefore = dataOf(await t.gql<any>(STATS, { from: null }, { token: admin })).issueStats.extended;
    const approved = dataOf(await run(liu, DECIDE, { id: issue.id, a: true, v: requested.version })).r;
    for (const from of [null, '2000-01-01T00:00:00.000Z']) {
      assert.equal(dataOf(await t.gql<any>(STATS, { from }, { token: admin })).issueStats.extended, extendedBefore + 1, `extended (from ${from})`);
    }
    assert.equal(approved.extension.status, 'APPROVED');
    assert.equal(approved.extension.decidedBy, '刘思琪');
    assert.equal(approved.resolveDueAt, later);
    assert.equal(approved.timeline.at(-1).type, 'EXTENSION_APPROVED');
    // The resident reads the new deadline as the clock on the wall shows it (TIME_ZONE, Asia/Shanghai by default).
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(later));
    assert.equal(approved.timeline.at(-1).publicNote, `办理时限已延长至 ${wall}。`);
    assert.equal(errorCode(await run(liu, DECIDE, { id: issue.id, a: false })), 'CONFLICT', 'nothing pending');

    // The requester never decides their own request, supervisor or not; a denial leaves the deadline.
    const other = await issueInStatus(t, admin, gh07, 'ASSIGNED', { ...cadreIds, cadreId: ids.cadres['刘思琪'].id });
    const otherDue = (await read(admin, other.id)).resolveDueAt;
    dataOf(await run(liu, REQUEST, { id: other.id, u: new Date(Date.parse(otherDue) + 86_400_000).toISOString(), reason: '需协调多个部门' }));
    assert.equal(errorCode(await run(liu, DECIDE, { id: other.id, a: true })), 'FORBIDDEN');
    const denied = dataOf(await run(admin, DECIDE, { id: other.id, a: false })).r;
    assert.equal(denied.extension.status, 'DENIED');
    assert.equal(denied.resolveDueAt, otherDue);

    // After the deadline has passed, a request is refused and says why.
    const late = await assigned();
    // Millisecond precision, as every timestamp the API writes (keyset cursors carry milliseconds).
    await dbOf(t).execute(`update issue set resolve_due_at = ? where id = ?`, [new Date(Date.now() - 3_600_000), late.id]);
    const tooLate = await run(zheng, REQUEST, { id: late.id, u: new Date(Date.now() + 86_400_000).toISOString(), reason: '来不及了' });
    assert.equal(errorCode(tooLate), 'CONFLICT');
    assert.match(tooLate.errors![0].message, /deadline has passed/);

    // Reassigned, the pending request leaves with the cadre who asked: the next assignee asks for itself.
    const handed = await assigned();
    const handedDue = (await read(admin, handed.id)).resolveDueAt;
    dataOf(await run(zheng, REQUEST, { id: handed.id, u: new Date(Date.parse(handedDue) + 86_400_000).toISOString(), reason: '需要时间' }));
    const reassigned = dataOf(await run(liu, REASSIGN, { id: handed.id, c: ids.cadres['陈明远'].id })).r;
    assert.equal(reassigned.extension.status, 'DENIED');
    assert.match(reassigned.extension.decisionNote, /改派/);
    assert.equal(reassigned.resolveDueAt, handedDue);
    assert.match(reassigned.timeline.at(-1).note, /原延期申请已作废/);
    const own = dataOf(await run(chen, REQUEST, { id: handed.id, u: new Date(Date.parse(handedDue) + 2 * 86_400_000).toISOString(), reason: '重新申请' })).r;
    assert.equal(own.extension.status, 'PENDING');
    assert.equal(own.extension.requestedBy, '陈明远');
  });

  it('催办 and 督办: supervisors chase and supervise without changing the version', async () => {
    const issue = await assigned();
    assert.equal(errorCode(await run(zheng, URGE, { id: issue.id, note: '快点' })), 'FORBIDDEN');
    assert.equal(fieldOf(await run(liu, URGE, { id: issue.id, note: '' })), 'note');
    const urged = dataOf(await run(liu, URGE, { id: issue.id, note: '居民多次来电，请尽快处理' })).r;
    const twice = dataOf(await run(liu, URGE, { id: issue.id, note: '再次催办' })).r;
    assert.equal(urged.urgeCount, 1);
    assert.equal(twice.urgeCount, 2);
    assert.equal(twice.version, issue.version, 'urging does not make expectedVersion stale');
    assert.equal(twice.timeline.filter((e: any) => e.type === 'URGED').length, 2);
    assert.equal(errorCode(await run(chen, SUPERVISE, { id: issue.id, s: true })), 'FORBIDDEN');
    const supervised = dataOf(await run(liu, SUPERVISE, { id: issue.id, s: true })).r;
    assert.equal(supervised.supervised, true);
    assert.equal(supervised.timeline.at(-1).type, 'SUPERVISED');
    assert.equal(errorCode(await run(liu, SUPERVISE, { id: issue.id, s: true })), 'CONFLICT');
    const off = dataOf(await run(liu, SUPERVISE, { id: issue.id, s: false })).r;
    assert.equal(off.supervised, false);
    assert.equal(off.version, issue.version);
  });

  it('duty lists put supervised issues first, then the oldest deadline, and page through in that order', async () => {
    const a = await assigned();
    const b = await assigned();
    // b's deadline is later than a's, yet supervision puts it first.
    await dbOf(t).execute(`update issue set resolve_due_at = resolve_due_at + interval '30 days' where id = ?`, [b.id]);
    dataOf(await run(liu, SUPERVISE, { id: b.id, s: true }));
    const DUTIES = 'query($c: ID!, $after: String) { cadre(id: $c) { duties(first: 7, after: $after) { edges { node { id supervised resolveDueAt } } pageInfo { hasNextPage endCursor } } } }';
    const walked: { id: string; supervised: boolean; resolveDueAt: string }[] = [];
    let after: string | null = null;
    for (let pages = 0; ; pages++) {
      assert.ok(pages < 200, 'the pages come to an end');
      const page: any = dataOf(await t.gql<any>(DUTIES, { c: cadreIds.cadreId, after }, { token: zheng })).cadre.duties;
      walked.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const firstUnsupervised = walked.findIndex((d) => !d.supervised);
    assert.ok(walked.slice(firstUnsupervised).every((d) => !d.supervised), 'every supervised duty comes first');
    for (const part of [walked.slice(0, firstUnsupervised), walked.slice(firstUnsupervised)]) {
      for (let k = 1; k < part.length; k++) assert.ok(part[k - 1].resolveDueAt <= part[k].resolveDueAt, 'then by deadline');
    }
    assert.ok(walked.findIndex((d) => d.id === b.id) < walked.findIndex((d) => d.id === a.id));
    assert.equal(new Set(walked.map((d) => d.id)).size, walked.length, 'no duty twice across pages');
    dataOf(await run(liu, SUPERVISE, { id: b.id, s: false }));
  });

  it('合并: a duplicate follows an open primary in scope; candidates are nearby open issues of the same category', async () => {
    const primary = await reportIssue(t, { token: admin }, reportInput(gh07, { location: { latitude: 30.5801, longitude: 114.3001 } }));
    const duplicate = await reportIssue(t, { token: admin }, reportInput(gh07, { location: { latitude: 30.5802, longitude: 114.3002 } }));
    const candidates = dataOf(
      await t.gql<any>('query($id: ID!) { issue(id: $id) { duplicateCandidates(within: 250, first: 50) { id status } } }', { id: duplicate.id }, { token: lin }),
    ).issue.duplicateCandidates;
    assert.ok(candidates.some((c: any) => c.id === primary.id), 'the primary is a candidate');
    assert.ok(!candidates.some((c: any) => c.id === duplicate.id), 'never itself');
    assert.equal(fieldOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { duplicateCandidates(within: 0) { id } } }', { id: duplicate.id }, { token: lin })), 'within');

    // Merging is dispatch's (DESIGN: merge (dispatcher)): not the grid's worker's, not a cadre's without a scope region.
    assert.equal(errorCode(await run(lin, MERGE, { id: duplicate.id, into: primary.id })), 'FORBIDDEN');
    assert.equal(errorCode(await run(zheng, MERGE, { id: duplicate.id, into: primary.id })), 'FORBIDDEN');
    const self = await run(liu, MERGE, { id: duplicate.id, into: duplicate.id });
    assert.equal(fieldOf(self), 'intoId');
    const closed = await issueInStatus(t, admin, gh07, 'CLOSED', cadreIds);
    const intoClosed = await run(liu, MERGE, { id: duplicate.id, into: closed.id });
    assert.equal(errorCode(intoClosed), 'CONFLICT');
    assert.equal(fieldOf(intoClosed), 'intoId', 'the refusal names the primary, not a stale version of the duplicate');
    // 孙丽华 dispatches for 青山县 only: a primary in another county does not exist for her.
    const elsewhere = await reportIssue(t, { token: admin }, reportInput(ids.grids['QS-SQ-LJ-01'].id));
    assert.equal(errorCode(await run(sun, MERGE, { id: elsewhere.id, into: primary.id })), 'NOT_FOUND', 'a primary out of scope does not exist for the dispatcher');

    // issueStats counts the pair once: the rolled-up path (no dates) and the direct one (with dates) alike.
    const STATS = 'query($from: DateTimeISO) { issueStats(from: $from) { total returned extended byStatus { status count } } }';
    const stats = async (from: string | null) => dataOf(await t.gql<any>(STATS, { from }, { token: admin })).issueStats;
    const merges = (s: any) => s.byStatus.find((b: any) => b.status === 'MERGED')?.count ?? 0;
    const longAgo = '2000-01-01T00:00:00.000Z';
    const [rolledBefore, directBefore] = [await stats(null), await stats(longAgo)];
    const merged = dataOf(await run(liu, MERGE, { id: duplicate.id, into: primary.id })).r;
    for (const [before, after] of [
      [rolledBefore, await stats(null)],
      [directBefore, await stats(longAgo)],
    ]) {
      assert.equal(after.total, before.total - 1, 'the duplicate is no longer a case of its own');
      assert.equal(merges(after), merges(before) + 1);
    }
    assert.equal(merged.status, 'MERGED');
    assert.equal(merged.mergedInto.id, primary.id);
    assert.equal(merged.timeline.at(-1).type, 'MERGED');
    assert.deepEqual((await read(lin, primary.id)).duplicates, [{ id: duplicate.id }]);
    // Into a merged issue, or a merged issue into anything: refused.
    const third = await reportIssue(t, { token: admin }, reportInput(gh07));
    assert.equal(errorCode(await run(liu, MERGE, { id: third.id, into: duplicate.id })), 'CONFLICT');
    assert.equal(errorCode(await run(liu, MERGE, { id: duplicate.id, into: third.id })), 'CONFLICT');

    // A duplicate someone was already working on: its handing leaves 考核 (the pair counts once) and a pending
    // extension request goes with it.
    const PERFORMANCE = 'query($from: DateTimeISO) { performance(groupBy: CADRE, from: $from) { key assigned } }';
    const assignedTo = async (cadreId: string) =>
      dataOf(await t.gql<any>(PERFORMANCE, { from: longAgo }, { token: admin })).performance.find((row: any) => row.key === cadreId)?.assigned ?? 0;
    const worked = await assigned();
    const workedDue = (await read(admin, worked.id)).resolveDueAt;
    dataOf(await run(zheng, REQUEST, { id: worked.id, u: new Date(Date.parse(workedDue) + 86_400_000).toISOString(), reason: '需要时间' }));
    const zhengBefore = await assignedTo(cadreIds.cadreId);
    const folded = dataOf(await run(liu, MERGE, { id: worked.id, into: primary.id })).r;
    assert.equal(folded.status, 'MERGED');
    assert.equal(folded.extension.status, 'DENIED');
    assert.equal(await assignedTo(cadreIds.cadreId), zhengBefore - 1, "the merged duplicate is no longer in its assignee's 考核");
  });

  it('availableActions lists exactly the moves each role can make, in every status', async () => {
    const roles: Record<string, string> = { admin, 'worker.lin': lin, 'cadre.zheng': zheng, 'cadre.chen': chen, 'supervisor.liu': liu };
    const moves: Record<string, Move> = {
      ACCEPT: () => ({ query: 'mutation($id: ID!) { r: acceptIssue(id: $id) { version } }', vars: {} }),
      REJECT: () => ({ query: 'mutation($id: ID!) { r: rejectIssue(id: $id, reason: "不属实") { version } }', vars: {} }),
      ASSIGN: () => ({ query: 'mutation($id: ID!, $c: ID!) { r: assignIssue(id: $id, cadreId: $c) { version } }', vars: { c: cadreIds.cadreId } }),
      REASSIGN: () => ({ query: 'mutation($id: ID!, $c: ID!) { r: reassignIssue(id: $id, cadreId: $c) { version } }', vars: { c: ids.cadres['周文斌'].id } }),
      RETURN: () => ({ query: 'mutation($id: ID!) { r: returnIssue(id: $id, reason: OTHER, note: "退回") { version } }', vars: {} }),
      REFUSE_RETURN: () => ({ query: 'mutation($id: ID!) { r: refuseReturn(id: $id, note: "不同意退单") { version } }', vars: {} }),
      ESCALATE: () => ({ query: 'mutation($id: ID!, $c: ID!) { r: escalateIssue(id: $id, cadreId: $c, note: "上报") { version } }', vars: { c: cadreIds.higherCadreId } }),
      START: () => ({ query: 'mutation($id: ID!) { r: startIssue(id: $id) { version } }', vars: {} }),
      RESOLVE: () => ({ query: 'mutation($id: ID!) { r: resolveIssue(id: $id, resolution: "已处理") { version } }', vars: {} }),
      FOLLOW_UP: () => ({ query: 'mutation($id: ID!) { r: recordFollowUp(id: $id, input: { method: PHONE, satisfaction: SATISFIED }) { version } }', vars: {} }),
      CLOSE: () => ({ query: 'mutation($id: ID!) { r: closeIssue(id: $id) { version } }', vars: {} }),
      REOPEN: () => ({ query: 'mutation($id: ID!) { r: reopenIssue(id: $id, reason: "未解决") { version } }', vars: {} }),
      COMMENT: () => ({ query: 'mutation($id: ID!) { r: commentIssue(id: $id, note: "备注") { version } }', vars: {} }),
      REQUEST_EXTENSION: (i) => ({
        query: 'mutation($id: ID!, $u: DateTimeISO!) { r: requestExtension(id: $id, until: $u, reason: "需要时间") { version } }',
        vars: { u: new Date(Date.parse(i.resolveDueAt) + 86_400_000).toISOString() },
      }),
      DECIDE_EXTENSION: () => ({ query: 'mutation($id: ID!) { r: decideExtension(id: $id, approve: true) { version } }', vars: {} }),
      URGE: () => ({ query: 'mutation($id: ID!) { r: urgeIssue(id: $id, note: "请尽快") { version } }', vars: {} }),
      SUPERVISE: (i) => ({ query: 'mutation($id: ID!, $s: Boolean!) { r: superviseIssue(id: $id, supervised: $s) { version } }', vars: { s: !i.supervised } }),
      MERGE: () => ({ query: 'mutation($id: ID!, $into: ID!) { r: mergeIssue(id: $id, intoId: $into) { version } }', vars: {} }),
      // Photos are the viewer's own uploads (another's upload id is refused as unknown).
      ADD_PHOTOS: async (_, token) => ({
        query: 'mutation($id: ID!, $p: [ID!]!) { r: addIssuePhotos(id: $id, photoIds: $p, stage: BEFORE) { version } }',
        vars: { p: [(await upload(t.url, photo, { token })).body.id] },
      }),
    };
    const photo = await noisyJpeg(48, 32);
    const mergeTarget = await reportIssue(t, { token: admin }, reportInput(gh07));
    /** Each state: how to make a fresh issue in it (as admin, assigned to 郑大勇). */
    const states: Record<string, () => Promise<string>> = {};
    for (const status of ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED', 'REJECTED']) {
      states[status] = async () => (await issueInStatus(t, admin, gh07, status, cadreIds)).id;
    }
    states.RETURNED = async () => {
      const id = await states.ASSIGNED();
      dataOf(await run(zheng, RETURN, { id, note: '退回' }));
      return id;
    };
    states.MERGED = async () => {
      const id = (await reportIssue(t, { token: admin }, reportInput(gh07))).id;
      dataOf(await run(admin, MERGE, { id, into: mergeTarget.id }));
      return id;
    };
    states['ASSIGNED, extension pending (asked by 郑大勇), supervised'] = async () => {
      const id = await states.ASSIGNED();
      const due = (await read(admin, id)).resolveDueAt;
      dataOf(await run(zheng, REQUEST, { id, u: new Date(Date.parse(due) + 86_400_000).toISOString(), reason: '需要时间' }));
      dataOf(await run(liu, SUPERVISE, { id, s: true }));
      return id;
    };

    const facts = async (token: string, id: string) =>
      dataOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { id version status supervised resolveDueAt availableActions } }', { id }, { token })).issue;
    let allowed = 0;
    let refused = 0;
    for (const [state, make] of Object.entries(states)) {
      const shared = await make();
      for (const [role, token] of Object.entries(roles)) {
        const before = await facts(token, shared);
        const available: string[] = before.availableActions;
        for (const [action, move] of Object.entries(moves)) {
          const label = `${action} by ${role} on ${state}`;
          if (available.includes(action)) {
            const fresh = await make();
            const issue = await facts(token, fresh);
            const { query, vars } = await move(issue, token);
            const res = await run(token, query, { id: fresh, into: mergeTarget.id, ...vars });
            assert.equal(res.errors, undefined, `${label} is listed, so it must go through: ${res.errors?.[0]?.message}`);
            allowed++;
          } else {
            const { query, vars } = await move(before, token);
            const res = await run(token, query, { id: shared, into: mergeTarget.id, ...vars });
            assert.ok(res.errors, `${label} is not listed, so it must be refused`);
            assert.ok(['CONFLICT', 'FORBIDDEN'].includes(errorCode(res)), `${label}: ${errorCode(res)} ${res.errors![0].message}`);
            refused++;
          }
        }
        const after = await facts(token, shared);
        assert.equal(after.version, before.version, `refusals changed nothing (${role} on ${state})`);
        assert.equal(after.status, before.status);
      }
    }
    // Spot checks that the lists are not trivially empty or full.
    const assignedIssue = await states.ASSIGNED();
    assert.deepEqual((await facts(zheng, assignedIssue)).availableActions, ['RETURN', 'ESCALATE', 'START', 'RESOLVE', 'COMMENT', 'REQUEST_EXTENSION', 'ADD_PHOTOS']);
    assert.deepEqual((await facts(lin, assignedIssue)).availableActions, ['COMMENT', 'ADD_PHOTOS']);
    assert.ok((await facts(liu, assignedIssue)).availableActions.includes('MERGE'), 'a dispatcher merges');
    assert.ok(!(await facts(admin, assignedIssue)).availableActions.includes('RETURN'), "an admin does not return for the assignee");
    assert.ok(!(await facts(zheng, await states.CLOSED())).availableActions.includes('ADD_PHOTOS'), 'a closed issue takes no more photos');
    assert.ok(allowed > 50 && refused > 300, `${allowed} allowed, ${refused} refused`);
  }, 600_000);
});
