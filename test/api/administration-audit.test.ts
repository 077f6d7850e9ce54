/**
 * Administration in the API (issue 18): updateGrid, region codes, accounts
 * deactivated (their tokens refused at once, on every replica), password
 * resets with one-time passwords, and the audit log of every administrative
 * change — written with the change or not at all, never holding a password.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, itOn, startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
let admin: string;
const as = (query: string, variables?: Record<string, unknown>, token = admin) => t.gql(query, variables, { token });

interface Entry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  target: string | null;
  summary: string;
}
async function auditLog(action?: string, first = 50, after?: string) {
  return dataOf(
    await as('query($a: String, $f: Int, $after: String) { auditLog(action: $a, first: $f, after: $after) { edges { cursor node { id at actorName action target summary } } pageInfo { hasNextPage endCursor } } }', {
      a: action,
      f: first,
      after,
    }),
  ).auditLog as { edges: { cursor: string; node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const userId = async (username: string) => {
  const token = await t.login(username);
  return dataOf(await as('{ me { id } }', {}, token)).me.id as string;
};

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('updateGrid', () => {
  it('changes only the fields given, moves gridAt with a new boundary, and writes one audit entry per real change', async () => {
    const { id } = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt;
    const update = (input: Record<string, unknown>, token = admin) =>
      as('mutation($id: ID!, $i: UpdateGridInput!) { updateGrid(id: $id, input: $i) { code name kind description } }', { id, i: input }, token);
    const before = (await auditLog('updateGrid')).edges.length;
    const updated = dataOf(await update({ name: '桂花社区第七网格', description: '桂花苑1–6栋' })).updateGrid;
    assert.equal(updated.name, '桂花社区第七网格');
    assert.equal(updated.description, '桂花苑1–6栋');
    assert.equal(updated.kind, 'URBAN_COMMUNITY');
    dataOf(await update({ name: '桂花社区第七网格' })); // no change: no entry
    assert.equal(errorCode(await update({ boundary: [{ latitude: 1, longitude: 1 }, { latitude: 2, longitude: 2 }] })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await update({ name: '越权' }, await t.login('cadre.zheng'))), 'FORBIDDEN');
    const entries = (await auditLog('updateGrid')).edges.map((e) => e.node);
    assert.equal(entries.length, before + 1);
    assert.equal(entries[0].target, `Grid:${id}`);
    assert.match(entries[0].summary, /name, description/);
    assert.equal(entries[0].actorName, dataOf(await as('{ me { displayName } }')).me.displayName);

    dataOf(await update({ boundary: [{ latitude: 45, longitude: 100 }, { latitude: 45, longitude: 100.01 }, { latitude: 45.01, longitude: 100.01 }, { latitude: 45.01, longitude: 100 }] }));
    assert.equal(dataOf(await t.gql('{ gridAt(latitude: 45.005, longitude: 100.005) { id } }')).gridAt.id, id);
    assert.equal(dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt, null);
  });
});

describe('region codes', () => {
  it('createRegion keeps a code, refuses a duplicate, and the refused one leaves no audit entry', async () => {
    const create = (code: string) =>
      as('mutation($i: CreateRegionInput!) { createRegion(input: $i) { id code level } }', { i: { name: `代码市${code}`, level: 'CITY', code } });
    assert.equal(dataOf(await create('990000')).createRegion.code, '990000');
    const duplicate = await create('990000');
    assert.equal(errorCode(duplicate), 'BAD_USER_INPUT');
    assert.equal(duplicate.errors![0].extensions!.field, 'code');
    assert.equal(errorCode(await create('不是代码')), 'BAD_USER_INPUT');
    const entries = (await auditLog('createRegion')).edges.filter((e) => e.node.summary.includes('990000'));
    assert.equal(entries.length, 1, 'the failed creation wrote no entry (same transaction)');
  });
});

describe('setUserActive', () => {
  it("refuses a deactivated user's existing token at once, and its sign-in; reactivation lets the token work again", async () => {
    const token = await t.login('worker.gao');
    // A first request: the token is now in the verified-token cache.
    assert.equal(dataOf(await as('{ me { username active } }', {}, token)).me.active, true);
    const id = await userId('worker.gao');
    const off = dataOf(await as('mutation($id: ID!) { setUserActive(id: $id, active: false) { username active } }', { id })).setUserActive;
    assert.deepEqual(off, { username: 'worker.gao', active: false });
    const refused = await as('{ issues(first: 1) { totalCount } }', {}, token);
    assert.equal(refused.status, 401);
    assert.equal(errorCode(refused), 'UNAUTHENTICATED');
    const exportRefused = await fetch(`${t.url}/exports/issues.csv`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(exportRefused.status, 401);
    assert.equal(errorCode(await t.gql('mutation { login(username: "worker.gao", password: "lastmeter-demo") { token } }')), 'FORBIDDEN');
    dataOf(await as('mutation($id: ID!) { setUserActive(id: $id, active: true) { active } }', { id }));
    assert.equal(dataOf(await as('{ me { username } }', {}, token)).me.username, 'worker.gao');
    const actions = (await auditLog()).edges.map((e) => e.node).filter((e) => e.target === `User:${id}`).map((e) => e.action);
    assert.deepEqual(actions.slice(0, 2), ['reactivateUser', 'deactivateUser']);
  });

  it('refuses an admin deactivating itself, and non-admins', async () => {
    const me = dataOf(await as('{ me { id } }')).me.id;
    assert.equal(errorCode(await as('mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }', { id: me })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await as('mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }', { id: me }, await t.login('cadre.chen'))), 'FORBIDDEN');
  });

  itOn('postgres', 'two replicas share one PostgreSQL database')('a token is refused on another replica too, from its next request', async () => {
    const replica = await startTestServer({ env: { DATABASE_URL: t.databaseUrl! } });
    try {
      const token = await t.login('worker.lin');
      const onReplica = (query: string) => replica.gql(query, {}, { token });
      assert.equal(dataOf(await onReplica('{ me { username } }')).me.username, 'worker.lin');
      const id = await userId('worker.lin');
      dataOf(await as('mutation($id: ID!) { setUserActive(id: $id, active: false) { active } }', { id }));
      assert.equal(errorCode(await onReplica('{ me { username } }')), 'UNAUTHENTICATED');
      dataOf(await as('mutation($id: ID!) { setUserActive(id: $id, active: true) { active } }', { id }));
    } finally {
      await replica.close();
    }
  });
});

describe('resetPassword and changePassword', () => {
  it('a reset issues a one-time password shown once; until it is changed only changePassword and me work', async () => {
    const id = await userId('cadre.chen');
    const reset = dataOf(await as('mutation($id: ID!) { resetPassword(id: $id) { username password } }', { id })).resetPassword;
    assert.equal(reset.username, 'cadre.chen');
    await assert.rejects(t.login('cadre.chen'), /Wrong username or password/);
    const token = await t.login('cadre.chen', reset.password);
    const gated = await as('{ issues(first: 1) { totalCount } }', {}, token);
    assert.equal(errorCode(gated), 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(errorCode(await as('query { ...Q } fragment Q on Query { issues(first: 1) { totalCount } }', {}, token)), 'PASSWORD_CHANGE_REQUIRED');
    const change = (current: string, next: string) => as('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: current, n: next }, token);
    assert.equal(errorCode(await change('not-the-password', 'chen-new-password')), 'BAD_USER_INPUT');
    assert.equal(errorCode(await change(reset.password, 'short')), 'BAD_USER_INPUT');
    assert.equal(dataOf(await change(reset.password, 'chen-new-password')).changePassword, true);
    assert.equal(typeof dataOf(await as('{ issues(first: 1) { totalCount } }', {}, token)).issues.totalCount, 'number');
    await t.login('cadre.chen', 'chen-new-password');
    assert.equal(errorCode(await as('mutation($id: ID!) { resetPassword(id: $id) { password } }', { id }, token)), 'FORBIDDEN');

    const entries = (await auditLog()).edges.map((e) => e.node);
    assert.ok(entries.some((e) => e.action === 'resetPassword' && e.target === `User:${id}`));
    assert.ok(entries.some((e) => e.action === 'changePassword' && e.target === `User:${id}`));
    for (const entry of entries) {
      for (const secret of [reset.password, 'chen-new-password', 'not-the-password']) assert.ok(!JSON.stringify(entry).includes(secret), `a password in ${entry.action}`);
    }
  });
});

describe('auditLog', () => {
  it('pages newest first with cursors, filters by action, names no portal key, and is for admins only', async () => {
    const created = dataOf(await as('mutation { createPortalKey(name: "审计门户", allowedOrigins: ["https://audit.example.gov.cn"]) { key } }')).createPortalKey;
    const all = (await auditLog(undefined, 100)).edges.map((e) => e.node);
    assert.ok(all.length >= 5);
    const times = all.map((e) => Date.parse(e.at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const first = await auditLog(undefined, 2);
    assert.equal(first.edges.length, 2);
    assert.equal(first.pageInfo.hasNextPage, true);
    const second = await auditLog(undefined, 2, first.pageInfo.endCursor!);
    assert.deepEqual([...first.edges, ...second.edges].map((e) => e.node.id), all.slice(0, 4).map((e) => e.id));
    const portal = (await auditLog('createPortalKey')).edges.map((e) => e.node);
    assert.equal(portal.length, 1);
    assert.ok(!portal[0].summary.includes(created.key));
    assert.equal(errorCode(await as('{ auditLog { edges { cursor } } }', {}, await t.login('supervisor.liu'))), 'FORBIDDEN');
    assert.equal(errorCode(await as('{ auditLog(after: "nope") { edges { cursor } } }')), 'BAD_USER_INPUT');
  });
});
