/**
 * The permissions matrix: every role × every Query and Mutation field of the
 * contract, asserting the data returned or the exact error code.
 *
 * Roles (demo city): the admin; cadre.zheng, assigned to grid No. 7 (GH-07) —
 * "in scope" of its issues; cadre.sun, a county cadre of 青山县 — out of scope
 * for GH-07; supervisor.liu, a city cadre whose scope region is the whole city;
 * worker.lin, the grid worker of GH-07; worker.gao, the grid worker of the
 * rural LJ-01; a stranger (no token); a portal (a valid portal key, sent from
 * a server, i.e. without an Origin).
 *
 * Out-of-scope rules under test: lists omit, `issue(id)` is NOT_FOUND exactly
 * as for an id that does not exist, a mutation by id is NOT_FOUND (never revealing
 * existence), in scope but not allowed is FORBIDDEN, no token UNAUTHENTICATED.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { insertIssues } from '../support/fixtures';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/harness';

const ROLES = [
  'admin',
  'cadre in scope',
  'cadre out of scope',
  'city supervisor',
  'grid worker of the grid',
  'grid worker elsewhere',
  'stranger',
  'portal',
] as const;
type RoleName = (typeof ROLES)[number];

const ACCOUNTS: Record<RoleName, string | null> = {
  admin: 'admin',
  'cadre in scope': 'cadre.zheng',
  'cadre out of scope': 'cadre.sun',
  'city supervisor': 'supervisor.liu',
  'grid worker of the grid': 'worker.lin',
  'grid worker elsewhere': 'worker.gao',
  stranger: null,
  portal: null,
};

/** `ok`: data without errors (then `check` runs); `null`: the field is null without errors; else the error code. */
type Outcome = 'ok' | 'null' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
type Expectations = Record<RoleName, Outcome>;

interface Fixture {
  ids: {
    city: string;
    county: string;
    /** 柳溪村, a village community. */
    liuxi: string;
    gh07: string;
    lj01: string;
    fl02: string;
    zheng: string;
    chen: string;
    feng: string;
    wu: string;
    /** The cadres of supervisor.liu (assigned to GH-07 and FL-01; its scope region the city) and cadre.sun (another county). */
    liu: string;
    sun: string;
    /** An issue of GH-07 assigned to cadre.zheng, and one of LJ-01. */
    gh07Issue: string;
    lj01Issue: string;
  };
  trackingCode: string;
  /** Makes a fresh issue (of GH-07 unless another grid code is given) in the given state (for mutations that move it). */
  freshIssue(status: string, assigned?: boolean, gridCode?: string): Promise<string>;
  unique(prefix: string): string;
}

interface Row {
  operation: string;
  query: string;
  variables?: (f: Fixture, role: RoleName) => Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Expectations;
  /** Assertions on the data of an `ok` outcome. */
  check?: (data: any, role: RoleName, f: Fixture, variables: Record<string, unknown>) => void;
}

const everyone = (outcome: Outcome): Expectations => Object.fromEntries(ROLES.map((r) => [r, outcome])) as Expectations;

/** Administration: admins only; other staff FORBIDDEN; no token UNAUTHENTICATED (a portal key is no staff identity). */
const ADMIN_ONLY: Expectations = {
  ...everyone('FORBIDDEN'),
  admin: 'ok',
  stranger: 'UNAUTHENTICATED',
  portal: 'UNAUTHENTICATED',
};

/** Reading a GH-07 issue by id: those who see grid No. 7. */
const SEES_GH07_BY_ID: Expectations = {
  admin: 'ok',
  'cadre in scope': 'ok',
  'cadre out of scope': 'NOT_FOUND',
  'city supervisor': 'ok',
  'grid worker of the grid': 'ok',
  'grid worker elsewhere': 'NOT_FOUND',
  stranger: 'UNAUTHENTICATED',
  portal: 'UNAUTHENTICATED',
};

/** A transition on a GH-07 issue that the grid's workers and cadres in scope may make. */
const WORKERS_AND_CADRES_IN_SCOPE: Expectations = {
  admin: 'ok',
  'cadre in scope': 'ok',
  'cadre out of scope': 'NOT_FOUND',
  'city supervisor': 'ok',
  'grid worker of the grid': 'ok',
  'grid worker elsewhere': 'NOT_FOUND',
  stranger: 'UNAUTHENTICATED',
  portal: 'UNAUTHENTICATED',
};

/** A transition only the assignee (cadre.zheng) and admins may make. */
const ASSIGNEE_ONLY: Expectations = {
  ...WORKERS_AND_CADRES_IN_SCOPE,
  'city supervisor': 'FORBIDDEN',
  'grid worker of the grid': 'FORBIDDEN',
};

/** The return visit: the grid's workers and admins. */
const GRID_WORKERS_ONLY: Expectations = {
  ...WORKERS_AND_CADRES_IN_SCOPE,
  'cadre in scope': 'FORBIDDEN',
  'city supervisor': 'FORBIDDEN',
};

const ISSUE_FIELDS = 'id status version grid { code } assignee { name }';

const ROWS: Row[] = [
  // ---- Queries ----
  {
    // Who read which reporter's contact details (and, later, who changed what): for admins only.
    operation: 'Query.auditLog',
    query: '{ auditLog(first: 5) { edges { node { action target } } pageInfo { hasNextPage } } }',
    expect: ADMIN_ONLY,
    check: (data) => assert.ok(Array.isArray(data.auditLog.edges)),
  },
  {
    // The console's administration pages list accounts and portal keys: admins only.
    operation: 'Query.users',
    query: '{ users(search: "worker") { username active } }',
    expect: ADMIN_ONLY,
    check: (data) => assert.ok(data.users.some((u: { username: string }) => u.username === 'worker.lin')),
  },
  {
    operation: 'Query.portalKeys',
    query: '{ portalKeys { name key allowedOrigins } }',
    expect: ADMIN_ONLY,
    check: (data) => assert.ok(data.portalKeys.every((k: { key: string | null }) => k.key === null)),
  },
  {
    operation: 'Query.me',
    query: '{ me { username role } }',
    expect: { ...everyone('ok'), stranger: 'null', portal: 'null' },
    check: (data, role) => assert.equal(data.me.username, ACCOUNTS[role]),
  },
  {
    operation: 'Query.categories',
    query: '{ categories { code resolveHours } }',
    expect: everyone('ok'),
    check: (data) => assert.equal(data.categories.length, 16),
  },
  {
    operation: 'Query.regions',
    query: '{ regions { name level } }',
    expect: everyone('ok'),
    check: (data) => assert.deepEqual(data.regions, [{ name: '临江市', level: 'CITY' }]),
  },
  {
    operation: 'Query.region',
    query: 'query($id: ID!) { region(id: $id) { name children { name } } }',
    variables: (f) => ({ id: f.ids.city }),
    expect: everyone('ok'),
    check: (data) => assert.equal(data.region.children.length, 2),
  },
  {
    operation: 'Query.grid',
    query: 'query($id: ID!) { grid(id: $id) { code name kind } }',
    variables: (f) => ({ id: f.ids.gh07 }),
    expect: everyone('ok'),
    check: (data) => assert.equal(data.grid.code, 'JC-DH-GH-07'),
  },
  {
    operation: 'Query.gridAt',
    query: '{ gridAt(latitude: 30.585, longitude: 114.305) { code } }',
    expect: everyone('ok'),
    check: (data) => assert.equal(data.gridAt.code, 'JC-DH-GH-07'),
  },
  {
    operation: 'Query.cadre',
    query: 'query($id: ID!) { cadre(id: $id) { name level unit } }',
    variables: (f) => ({ id: f.ids.zheng }),
    expect: everyone('ok'),
    check: (data) => assert.equal(data.cadre.level, 'VILLAGE'),
  },
  {
    operation: 'Query.cadres',
    query: '{ cadres(level: CITY) { name } }',
    expect: everyone('ok'),
    check: (data) => assert.ok(data.cadres.length >= 2),
  },
  {
    operation: 'Query.issue (an issue of grid No. 7)',
    query: `query($id: ID!) { issue(id: $id) { ${ISSUE_FIELDS} } }`,
    variables: (f) => ({ id: f.ids.gh07Issue }),
    expect: SEES_GH07_BY_ID,
    check: (data, _r, f) => assert.equal(data.issue.id, f.ids.gh07Issue),
  },
  {
    operation: 'Query.issue (an issue of the rural LJ-01, in 青山县)',
    query: `query($id: ID!) { issue(id: $id) { ${ISSUE_FIELDS} } }`,
    variables: (f) => ({ id: f.ids.lj01Issue }),
    expect: {
      admin: 'ok',
      'cadre in scope': 'NOT_FOUND',
      'cadre out of scope': 'ok', // its county is cadre.sun's scope region
      'city supervisor': 'ok', // through the city-wide scope region, not an assignment
      'grid worker of the grid': 'NOT_FOUND',
      'grid worker elsewhere': 'ok', // worker.gao works LJ-01
      stranger: 'UNAUTHENTICATED',
      portal: 'UNAUTHENTICATED',
    },
    check: (data, _r, f) => assert.equal(data.issue.id, f.ids.lj01Issue),
  },
  {
    operation: 'Query.issues',
    query: 'query($s: String) { issues(first: 100, filter: { search: $s }) { totalCount edges { node { id grid { code } } } } }',
    variables: () => ({ s: 'Matrix issue' }),
    expect: { ...everyone('ok'), stranger: 'UNAUTHENTICATED', portal: 'UNAUTHENTICATED' },
    check: (data, role, f) => {
      const ids = data.issues.edges.map((e: any) => e.node.id);
      const seesGh07 = ['admin', 'cadre in scope', 'city supervisor', 'grid worker of the grid'].includes(role);
      const seesLj01 = ['admin', 'cadre out of scope', 'city supervisor', 'grid worker elsewhere'].includes(role);
      assert.equal(ids.includes(f.ids.gh07Issue), seesGh07, 'GH-07 issue listed');
      assert.equal(ids.includes(f.ids.lj01Issue), seesLj01, 'LJ-01 issue listed');
      assert.equal(data.issues.totalCount, ids.length, 'totalCount counts only what is in scope');
    },
  },
  {
    operation: 'Grid.issues (grid No. 7)',
    query: 'query($id: ID!) { grid(id: $id) { issues(first: 100, filter: { search: "Matrix issue" }) { totalCount edges { node { id } } } } }',
    variables: (f) => ({ id: f.ids.gh07 }),
    expect: everyone('ok'),
    check: (data, role, f) => {
      const ids = data.grid.issues.edges.map((e: any) => e.node.id);
      const sees = ['admin', 'cadre in scope', 'city supervisor', 'grid worker of the grid'].includes(role);
      assert.equal(ids.includes(f.ids.gh07Issue), sees);
      if (!sees) assert.equal(data.grid.issues.totalCount, 0, 'out of scope: the list omits everything');
    },
  },
  {
    operation: "Cadre.duties (cadre.zheng's duty list)",
    query: 'query($id: ID!) { cadre(id: $id) { duties(first: 100) { totalCount edges { node { id } } } } }',
    variables: (f) => ({ id: f.ids.zheng }),
    expect: everyone('ok'),
    check: (data, role, f) => {
      const ids = data.cadre.duties.edges.map((e: any) => e.node.id);
      const sees = ['admin', 'cadre in scope', 'city supervisor', 'grid worker of the grid'].includes(role);
      assert.equal(ids.includes(f.ids.gh07Issue), sees);
      if (!sees) assert.equal(data.cadre.duties.totalCount, 0);
    },
  },
  {
    operation: 'IssueEvent.issue (through an issue timeline)',
    query: 'query($id: ID!) { issue(id: $id) { timeline { type issue { id } } } }',
    variables: (f) => ({ id: f.ids.gh07Issue }),
    expect: SEES_GH07_BY_ID,
    check: (data, _r, f) => assert.ok(data.issue.timeline.every((e: any) => e.issue.id === f.ids.gh07Issue)),
  },
  {
    operation: 'Query.trackIssue',
    query: 'query($code: String!) { trackIssue(trackingCode: $code) { trackingCode status gridName } }',
    variables: (f) => ({ code: f.trackingCode }),
    expect: everyone('ok'),
    check: (data, _r, f) => assert.deepEqual(data.trackIssue, { trackingCode: f.trackingCode, status: 'SUBMITTED', gridName: '桂花社区第7网格' }),
  },
  {
    operation: 'Query.issueStats',
    query: 'query($id: ID) { issueStats(regionId: $id) { total open byStatus { status count } } }',
    variables: (f) => ({ id: f.ids.city }),
    expect: everyone('ok'),
    check: (data) => assert.ok(data.issueStats.total >= 2),
  },
  // ---- Mutations ----
  {
    operation: 'Mutation.login',
    query: 'mutation { login(username: "worker.lin", password: "lastmeter-demo") { token user { username } } }',
    expect: everyone('ok'),
    check: (data) => assert.equal(data.login.user.username, 'worker.lin'),
  },
  {
    operation: 'Mutation.reportIssue',
    query: 'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode issue { status } } }',
    variables: (f) => ({
      input: { categoryCode: 'GARBAGE', description: '楼道垃圾三天未清运', gridId: f.ids.gh07, idempotencyKey: f.unique('matrix-report') },
    }),
    // Needs a portal key, a staff token or the server's own page; a bare stranger has none.
    expect: { ...everyone('ok'), stranger: 'FORBIDDEN' },
    check: (data) => assert.equal(data.reportIssue.issue.status, 'SUBMITTED'),
  },
  {
    operation: 'Mutation.acceptIssue',
    query: `mutation($id: ID!) { acceptIssue(id: $id) { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('SUBMITTED') }),
    expect: WORKERS_AND_CADRES_IN_SCOPE,
    check: (data) => assert.equal(data.acceptIssue.status, 'ACCEPTED'),
  },
  {
    operation: 'Mutation.rejectIssue',
    query: `mutation($id: ID!) { rejectIssue(id: $id, reason: "重复反映") { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('SUBMITTED') }),
    expect: WORKERS_AND_CADRES_IN_SCOPE,
    check: (data) => assert.equal(data.rejectIssue.status, 'REJECTED'),
  },
  {
    operation: 'Mutation.assignIssue',
    query: `mutation($id: ID!, $cadre: ID!) { assignIssue(id: $id, cadreId: $cadre) { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('SUBMITTED'), cadre: f.ids.zheng }),
    expect: WORKERS_AND_CADRES_IN_SCOPE,
    check: (data) => assert.deepEqual([data.assignIssue.status, data.assignIssue.assignee.name], ['ASSIGNED', '郑大勇']),
  },
  {
    // The assignee reads the reporter's contact details: it must be a cadre whose scope covers the grid.
    operation: "Mutation.assignIssue (to a cadre of another county, whose scope does not cover the issue's grid)",
    query: `mutation($id: ID!, $cadre: ID!) { assignIssue(id: $id, cadreId: $cadre) { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('SUBMITTED'), cadre: f.ids.sun }),
    expect: {
      ...WORKERS_AND_CADRES_IN_SCOPE,
      admin: 'BAD_USER_INPUT',
      'cadre in scope': 'BAD_USER_INPUT',
      'city supervisor': 'BAD_USER_INPUT',
      'grid worker of the grid': 'BAD_USER_INPUT',
    },
  },
  {
    // FL-02 lies in the city supervisor's scope region, but it is not assigned there: it dispatches, it does not take the case.
    operation: 'Mutation.assignIssue (an FL-02 issue, to the city supervisor, whose only link to FL-02 is its scope region)',
    query: `mutation($id: ID!, $cadre: ID!) { assignIssue(id: $id, cadreId: $cadre) { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('SUBMITTED', false, 'JC-DH-FL-02'), cadre: f.ids.liu }),
    expect: {
      admin: 'ok',
      'cadre in scope': 'NOT_FOUND',
      'cadre out of scope': 'NOT_FOUND',
      'city supervisor': 'FORBIDDEN',
      'grid worker of the grid': 'NOT_FOUND',
      'grid worker elsewhere': 'NOT_FOUND',
      stranger: 'UNAUTHENTICATED',
      portal: 'UNAUTHENTICATED',
    },
    check: (data) => assert.deepEqual([data.assignIssue.status, data.assignIssue.grid.code], ['ASSIGNED', 'JC-DH-FL-02']),
  },
  {
    operation: 'Mutation.escalateIssue',
    query: `mutation($id: ID!, $cadre: ID!) { escalateIssue(id: $id, cadreId: $cadre, note: "需市级协调") { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('ASSIGNED', true), cadre: f.ids.chen }),
    expect: ASSIGNEE_ONLY,
    check: (data) => assert.equal(data.escalateIssue.assignee.name, '陈明远'),
  },
  {
    operation: 'Mutation.startIssue',
    query: `mutation($id: ID!) { startIssue(id: $id) { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('ASSIGNED', true) }),
    expect: ASSIGNEE_ONLY,
    check: (data) => assert.equal(data.startIssue.status, 'IN_PROGRESS'),
  },
  {
    operation: 'Mutation.commentIssue',
    query: `mutation($id: ID!) { commentIssue(id: $id, note: "已电话联系", publicNote: "已联系") { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('ASSIGNED', true) }),
    expect: WORKERS_AND_CADRES_IN_SCOPE,
    check: (data) => assert.equal(data.commentIssue.status, 'ASSIGNED'),
  },
  {
    operation: 'Mutation.resolveIssue',
    query: `mutation($id: ID!) { resolveIssue(id: $id, resolution: "已清运") { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('IN_PROGRESS', true) }),
    expect: ASSIGNEE_ONLY,
    check: (data) => assert.equal(data.resolveIssue.status, 'RESOLVED'),
  },
  {
    operation: 'Mutation.recordFollowUp',
    query: `mutation($id: ID!) { recordFollowUp(id: $id, input: { method: PHONE, satisfaction: SATISFIED }) { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('RESOLVED', true) }),
    expect: GRID_WORKERS_ONLY,
    check: (data) => assert.equal(data.recordFollowUp.status, 'FOLLOWED_UP'),
  },
  {
    operation: 'Mutation.closeIssue',
    query: `mutation($id: ID!) { closeIssue(id: $id) { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('FOLLOWED_UP', true) }),
    expect: WORKERS_AND_CADRES_IN_SCOPE,
    check: (data) => assert.equal(data.closeIssue.status, 'CLOSED'),
  },
  {
    operation: 'Mutation.reopenIssue',
    query: `mutation($id: ID!) { reopenIssue(id: $id, reason: "居民反映未解决") { ${ISSUE_FIELDS} } }`,
    variables: async (f) => ({ id: await f.freshIssue('RESOLVED', true) }),
    expect: WORKERS_AND_CADRES_IN_SCOPE,
    check: (data) => assert.equal(data.reopenIssue.status, 'ASSIGNED'),
  },
  {
    operation: 'Mutation.recordVisit (at grid No. 7)',
    query: 'mutation($grid: ID!) { recordVisit(input: { gridId: $grid, kind: CHECK_IN, households: 3 }) { kind grid { code } } }',
    variables: (f) => ({ grid: f.ids.gh07 }),
    // The grid's assigned cadres (cadre.zheng; supervisor.liu is assigned there too), its workers, admins.
    expect: {
      ...WORKERS_AND_CADRES_IN_SCOPE,
      'cadre out of scope': 'FORBIDDEN',
      'grid worker elsewhere': 'FORBIDDEN',
    },
    check: (data) => assert.deepEqual(data.recordVisit, { kind: 'CHECK_IN', grid: { code: 'JC-DH-GH-07' } }),
  },
  {
    operation: 'Mutation.createRegion',
    query: 'mutation($name: String!, $parent: ID) { createRegion(input: { name: $name, level: TOWNSHIP, parentId: $parent }) { name level } }',
    variables: (f) => ({ name: f.unique('新区'), parent: f.ids.county }),
    expect: ADMIN_ONLY,
    check: (data) => assert.equal(data.createRegion.level, 'TOWNSHIP'),
  },
  {
    operation: 'Mutation.createGrid',
    query: 'mutation($input: CreateGridInput!) { createGrid(input: $input) { code kind } }',
    variables: (f) => ({ input: { regionId: f.ids.liuxi, code: f.unique('MX-GRID'), name: f.unique('矩阵网格'), kind: 'RURAL' } }),
    expect: ADMIN_ONLY,
    check: (data) => assert.equal(data.createGrid.kind, 'RURAL'),
  },
  {
    operation: 'Mutation.createCadre',
    query: 'mutation($name: String!) { createCadre(input: { name: $name, level: TOWNSHIP, unit: "石桥镇人民政府" }) { name level } }',
    variables: (f) => ({ name: f.unique('干部') }),
    expect: ADMIN_ONLY,
    check: (data) => assert.equal(data.createCadre.level, 'TOWNSHIP'),
  },
  {
    operation: 'Mutation.assignCadre',
    query: 'mutation($cadre: ID!, $grid: ID!) { assignCadre(cadreId: $cadre, gridId: $grid) { name grids { code } } }',
    variables: (f) => ({ cadre: f.ids.wu, grid: f.ids.fl02 }),
    expect: ADMIN_ONLY,
    check: (data) => assert.ok(data.assignCadre.grids.some((g: any) => g.code === 'JC-DH-FL-02')),
  },
  {
    operation: 'Mutation.unassignCadre',
    query: 'mutation($cadre: ID!, $grid: ID!) { unassignCadre(cadreId: $cadre, gridId: $grid) { name grids { code } } }',
    variables: (f) => ({ cadre: f.ids.feng, grid: f.ids.lj01 }),
    expect: ADMIN_ONLY,
    check: (data) => assert.ok(!data.unassignCadre.grids.some((g: any) => g.code === 'QS-SQ-LJ-01')),
  },
  {
    operation: 'Mutation.createGridWorker',
    query: 'mutation($name: String!, $grid: ID!) { createGridWorker(input: { name: $name, gridId: $grid }) { name grid { code } } }',
    variables: (f) => ({ name: f.unique('网格员'), grid: f.ids.fl02 }),
    expect: ADMIN_ONLY,
    check: (data) => assert.equal(data.createGridWorker.grid.code, 'JC-DH-FL-02'),
  },
  {
    operation: 'Mutation.createUser',
    query: 'mutation($u: String!) { createUser(input: { username: $u, password: "a-long-password", displayName: "新管理员", role: ADMIN }) { username role } }',
    variables: (f) => ({ u: f.unique('matrix.admin').replace(/[^a-zA-Z0-9._-]/g, '') }),
    expect: ADMIN_ONLY,
    check: (data) => assert.equal(data.createUser.role, 'ADMIN'),
  },
  {
    operation: 'Mutation.createPortalKey',
    query: 'mutation($name: String!) { createPortalKey(name: $name, allowedOrigins: ["https://matrix.example.gov.cn"]) { name key allowedOrigins } }',
    variables: (f) => ({ name: f.unique('矩阵门户') }),
    expect: ADMIN_ONLY,
    check: (data) => assert.match(data.createPortalKey.key, /^lmk_/),
  },
  {
    operation: 'Query.auditLog',
    query: '{ auditLog(first: 5) { edges { node { action actorName } } pageInfo { hasNextPage } } }',
    expect: ADMIN_ONLY,
    check: (data) => assert.ok(Array.isArray(data.auditLog.edges)),
  },
  {
    operation: 'Mutation.updateGrid',
    query: 'mutation($id: ID!, $d: String!) { updateGrid(id: $id, input: { description: $d }) { code description } }',
    variables: (f) => ({ id: f.ids.fl02, d: f.unique('说明') }),
    expect: ADMIN_ONLY,
    check: (data, _role, _f, variables) => assert.equal(data.updateGrid.description, variables.d),
  },
  {
    operation: 'Mutation.setUserActive',
    query: 'mutation($id: ID!) { setUserActive(id: $id, active: true) { username active } }',
    variables: async (f) => ({ id: await throwawayUser(f) }),
    expect: ADMIN_ONLY,
    check: (data) => assert.equal(data.setUserActive.active, true),
  },
  {
    operation: 'Mutation.resetPassword',
    query: 'mutation($id: ID!) { resetPassword(id: $id) { username password } }',
    variables: async (f) => ({ id: await throwawayUser(f) }),
    expect: ADMIN_ONLY,
    check: (data) => assert.ok(data.resetPassword.password.length >= 16),
  },
  {
    // A wrong current password: refused as bad input for any signed-in user (the demo passwords stay as they are).
    operation: 'Mutation.changePassword',
    query: 'mutation { changePassword(currentPassword: "not-the-password", newPassword: "another-password") }',
    expect: { ...everyone('BAD_USER_INPUT'), stranger: 'UNAUTHENTICATED', portal: 'UNAUTHENTICATED' },
  },
];

/** A fresh account for the rows that change one (so the demo accounts keep working). */
async function throwawayUser(f: Fixture): Promise<string> {
  const token = await matrixServer.login('admin');
  const res = await matrixServer.gql(
    'mutation($u: String!) { createUser(input: { username: $u, password: "a-long-password", displayName: "临时", role: ADMIN }) { id } }',
    { u: f.unique('matrix.tmp').replace(/[^a-zA-Z0-9._-]/g, '') },
    { token },
  );
  return res.data!.createUser.id;
}

let matrixServer: TestServer;

function fieldOf(query: string): string {
  const match = /\{\s*([A-Za-z]+)/.exec(query);
  return match ? match[1] : '';
}

function assertOutcome(res: GraphQLResponse, expected: Outcome, row: Row): void {
  const field = fieldOf(row.query);
  if (expected === 'ok' || expected === 'null') {
    assert.deepEqual(res.errors ?? [], [], `expected data, got errors ${JSON.stringify(res.errors)}`);
    if (expected === 'null') assert.equal(res.data?.[field], null, `${field} should be null`);
    else assert.notEqual(res.data?.[field], null, `${field} should not be null`);
    return;
  }
  assert.ok(res.errors?.length, `expected ${expected}, got data ${JSON.stringify(res.data)}`);
  assert.equal(res.errors[0].extensions?.code, expected, res.errors[0].message);
  if (res.data && field in res.data) assert.equal(res.data[field], null, 'no data beside the error');
}

describe('permissions matrix: every role × every query and mutation', () => {
  const tokens = {} as Record<RoleName, string | undefined>;
  let portalKey: string;
  let fixture: Fixture;

  beforeAll(async () => {
    matrixServer = await startTestServer();
    const t = matrixServer;
    for (const role of ROLES) {
      const account = ACCOUNTS[role];
      tokens[role] = account ? await t.login(account) : undefined;
    }
    const created = await t.gql('mutation { createPortalKey(name: "矩阵测试门户", allowedOrigins: ["https://portal.example.gov.cn"]) { key } }', {}, { token: tokens.admin });
    portalKey = created.data!.createPortalKey.key;

    const conn = t.server.services.db.orm.em.fork().getConnection();
    const one = async (sql: string, params: unknown[] = []) => (await conn.execute<{ id: string }[]>(sql, params))[0].id;
    const cadre = (name: string) => one('select id from cadre where name = ?', [name]);
    const grid = (code: string) => one('select id from grid where code = ?', [code]);
    let counter = 0;
    const base = {
      city: await one("select id from region where level = 'CITY'"),
      county: await one("select id from region where name = '青山县'"),
      liuxi: await one("select id from region where name = '柳溪村'"),
      gh07: await grid('JC-DH-GH-07'),
      lj01: await grid('QS-SQ-LJ-01'),
      fl02: await grid('JC-DH-FL-02'),
      zheng: await cadre('郑大勇'),
      chen: await cadre('陈明远'),
      feng: await cadre('冯春梅'),
      wu: await cadre('吴晓燕'),
      liu: await one("select cadre_id as id from app_user where username = 'supervisor.liu'"),
      sun: await one("select cadre_id as id from app_user where username = 'cadre.sun'"),
    };
    const [gh07Issue] = await insertIssues(t, { count: 1, gridCode: 'JC-DH-GH-07', status: 'ASSIGNED', assigneeName: '郑大勇' });
    const [lj01Issue] = await insertIssues(t, { count: 1, gridCode: 'QS-SQ-LJ-01', status: 'SUBMITTED' });
    await conn.execute("update issue set title = 'Matrix issue ' || id where id in (?, ?)", [gh07Issue, lj01Issue]);
    const report = await t.gql(
      'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }',
      { input: { categoryCode: 'DISORDERLY_PARKING', description: '小区门口车辆乱停', gridId: base.gh07, idempotencyKey: 'matrix-tracked' } },
      { portalKey },
    );
    assert.ok(report.data?.reportIssue, JSON.stringify(report.errors));
    fixture = {
      ids: { ...base, gh07Issue, lj01Issue },
      trackingCode: report.data!.reportIssue.trackingCode,
      async freshIssue(status, assigned = false, gridCode = 'JC-DH-GH-07') {
        const [id] = await insertIssues(t, { count: 1, gridCode, status, assigneeName: assigned ? '郑大勇' : undefined });
        return id;
      },
      unique: (prefix) => `${prefix}-${++counter}-${Date.now().toString(36)}`,
    };
  });
  afterAll(() => matrixServer?.close());

  for (const row of ROWS) {
    describe(row.operation, () => {
      for (const role of ROLES) {
        it(`${role} → ${row.expect[role]}`, async () => {
          const variables = row.variables ? await row.variables(fixture, role) : {};
          const res = await matrixServer.gql(row.query, variables, {
            token: tokens[role],
            portalKey: role === 'portal' ? portalKey : undefined,
          });
          assertOutcome(res, row.expect[role], row);
          if (row.expect[role] === 'ok' && row.check) row.check(res.data, role, fixture, variables);
        });
      }
    });
  }
});
