/**
 * Helpers for tests of the closed loop: report issues, look up demo ids, and
 * drive an issue to any status through the real mutations.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dataOf, type RequestOptions, type TestServer } from './harness';

/** A fresh EntityManager on the test server's database, for checking rows directly. */
export function dbOf(t: TestServer): EntityManager {
  return t.server.services.db.orm.em.fork();
}

export const ISSUE_FIELDS = `id trackingCode title status version resolution
  assignee { id name level }
  reporter { anonymous name phone }
  followUp { method satisfaction comment by at }
  timeline { type fromStatus toStatus note publicNote actorName at cursor }`;

export const TRACKED_FIELDS = `trackingCode status gridName submittedAt updatedAt resolveDueAt
  category { code name responseHours resolveHours }
  timeline { type toStatus publicNote at }`;

export interface DemoIds {
  grids: Record<string, { id: string; name: string }>;
  cadres: Record<string, { id: string; level: string }>;
}

/** Ids of the demo city's grids (by code) and cadres (by name). */
export async function demoIds(t: TestServer): Promise<DemoIds> {
  const data = dataOf(
    await t.gql<any>(`{ regions { children { children { children { grids { id code name } } } } } cadres { id name level } }`),
  );
  const grids: DemoIds['grids'] = {};
  for (const county of data.regions[0].children)
    for (const township of county.children)
      for (const community of township.children) for (const g of community.grids) grids[g.code] = { id: g.id, name: g.name };
  const cadres: DemoIds['cadres'] = {};
  for (const c of data.cadres) cadres[c.name] = { id: c.id, level: c.level };
  return { grids, cadres };
}

/** A portal key (created by an admin) for the given origins. */
export async function createPortalKey(t: TestServer, adminToken: string, allowedOrigins: string[] = ['https://portal.example.gov.cn']) {
  const data = dataOf(
    await t.gql<any>(
      'mutation($n: String!, $o: [String!]!) { createPortalKey(name: $n, allowedOrigins: $o) { id key } }',
      { n: `test portal ${randomUUID().slice(0, 8)}`, o: allowedOrigins },
      { token: adminToken },
    ),
  );
  return data.createPortalKey as { id: string; key: string };
}

export const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode issue { ${TRACKED_FIELDS} } } }`;

export function reportInput(gridId: string, overrides: Record<string, unknown> = {}) {
  return {
    categoryCode: 'GARBAGE',
    description: '楼下垃圾桶已经三天没有清运，气味很大。',
    gridId,
    reporterName: '测试居民',
    reporterPhone: '13912345678',
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

/** Reports an issue and returns its id (looked up with the given staff token) and tracking code. */
export async function reportIssue(
  t: TestServer,
  opts: RequestOptions,
  input: Record<string, unknown>,
  staffToken?: string,
): Promise<{ id: string; trackingCode: string }> {
  const data = dataOf(await t.gql<any>(REPORT, { input }, opts));
  const trackingCode = data.reportIssue.trackingCode as string;
  const token = staffToken ?? opts.token;
  if (!token) return { id: '', trackingCode };
  const found = dataOf(await t.gql<any>('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: trackingCode }, { token }));
  return { id: found.issues.edges[0].node.id, trackingCode };
}

/** The mutation for each workflow action, called with an admin token unless told otherwise. */
export const ACTIONS: Record<string, (ids: { cadreId: string; higherCadreId: string }) => { query: string; vars: Record<string, unknown> }> = {
  accept: () => ({ query: 'mutation($id: ID!, $v: Int) { r: acceptIssue(id: $id, expectedVersion: $v) { status version } }', vars: {} }),
  reject: () => ({ query: 'mutation($id: ID!, $v: Int) { r: rejectIssue(id: $id, reason: "不属实", expectedVersion: $v) { status version } }', vars: {} }),
  assign: ({ cadreId }) => ({
    query: 'mutation($id: ID!, $c: ID!, $v: Int) { r: assignIssue(id: $id, cadreId: $c, expectedVersion: $v) { status version } }',
    vars: { c: cadreId },
  }),
  escalate: ({ higherCadreId }) => ({
    query: 'mutation($id: ID!, $c: ID!, $v: Int) { r: escalateIssue(id: $id, cadreId: $c, note: "需要上级协调", expectedVersion: $v) { status version } }',
    vars: { c: higherCadreId },
  }),
  start: () => ({ query: 'mutation($id: ID!, $v: Int) { r: startIssue(id: $id, expectedVersion: $v) { status version } }', vars: {} }),
  resolve: () => ({
    query: 'mutation($id: ID!, $v: Int) { r: resolveIssue(id: $id, resolution: "已处理", expectedVersion: $v) { status version } }',
    vars: {},
  }),
  followUpSatisfied: () => ({
    query: 'mutation($id: ID!, $v: Int) { r: recordFollowUp(id: $id, input: { method: PHONE, satisfaction: SATISFIED }, expectedVersion: $v) { status version } }',
    vars: {},
  }),
  followUpUnsatisfied: () => ({
    query: 'mutation($id: ID!, $v: Int) { r: recordFollowUp(id: $id, input: { method: VISIT, satisfaction: UNSATISFIED }, expectedVersion: $v) { status version } }',
    vars: {},
  }),
  close: () => ({ query: 'mutation($id: ID!, $v: Int) { r: closeIssue(id: $id, expectedVersion: $v) { status version } }', vars: {} }),
  reopen: () => ({ query: 'mutation($id: ID!, $v: Int) { r: reopenIssue(id: $id, reason: "居民反映仍未解决", expectedVersion: $v) { status version } }', vars: {} }),
};

/** The path from SUBMITTED to each status, as actions. */
export const PATH_TO: Record<string, string[]> = {
  SUBMITTED: [],
  ACCEPTED: ['accept'],
  ASSIGNED: ['accept', 'assign'],
  IN_PROGRESS: ['accept', 'assign', 'start'],
  RESOLVED: ['accept', 'assign', 'start', 'resolve'],
  FOLLOWED_UP: ['accept', 'assign', 'start', 'resolve', 'followUpSatisfied'],
  CLOSED: ['accept', 'assign', 'start', 'resolve', 'followUpSatisfied', 'close'],
  REJECTED: ['reject'],
};

export async function act(
  t: TestServer,
  token: string,
  action: string,
  issueId: string,
  ids: { cadreId: string; higherCadreId: string },
  expectedVersion?: number,
) {
  const { query, vars } = ACTIONS[action](ids);
  return t.gql<any>(query, { id: issueId, v: expectedVersion ?? null, ...vars }, { token });
}

/** Reports an issue in `gridId` (as the given staff) and moves it to `status` as that staff member. */
export async function issueInStatus(
  t: TestServer,
  token: string,
  gridId: string,
  status: string,
  ids: { cadreId: string; higherCadreId: string },
): Promise<{ id: string; trackingCode: string; version: number }> {
  const issue = await reportIssue(t, { token }, reportInput(gridId));
  let version = 1;
  for (const action of PATH_TO[status]) {
    const res = dataOf(await act(t, token, action, issue.id, ids));
    version = res.r.version;
  }
  return { ...issue, version };
}
