/**
 * Live feeds follow the scope rule of the moment, through production's own triggers (no test calls
 * a refresh itself): a cadre sees, live, what is assigned to it; a grid assignment or unassignment
 * reaches its open feeds as soon as the mutation's refresh is done; and a scope change made any
 * other way (another replica, the database) arrives with the periodic refresh.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { demoIds, reportInput, reportIssue, type DemoIds } from '../support/issues';
import { GraphQLSocket, type LiveSubscription } from '../support/realtime-client';

const FEED = 'subscription { issueEvents { type issue { id } } }';
const HOUR = 3600_000;

interface Server {
  t: TestServer;
  ids: DemoIds;
  admin: string;
  sockets: GraphQLSocket[];
}

async function serverWith(scopeRefreshMs: number): Promise<Server> {
  const t = await startTestServer({ realtimeLimits: { scopeRefreshMs } });
  return { t, ids: await demoIds(t), admin: await t.login('admin'), sockets: [] };
}

async function closeServer(s: Server | undefined): Promise<void> {
  if (!s) return;
  await Promise.all(s.sockets.map((socket) => socket.close()));
  await s.t.close();
}

/** A new cadre with a login of its own and, unless given, no grid and no scope region: it sees nothing yet. */
async function newCadre(s: Server): Promise<{ cadreId: string; token: string }> {
  const as = { token: s.admin };
  const name = `probe-${randomUUID().slice(0, 8)}`;
  const cadreId = dataOf(
    await s.t.gql<any>('mutation($n: String!) { createCadre(input: { name: $n, level: VILLAGE, unit: "test" }) { id } }', { n: name }, as),
  ).createCadre.id as string;
  dataOf(
    await s.t.gql(
      'mutation($u: String!, $c: ID!) { createUser(input: { username: $u, password: "probe-password", displayName: "probe", role: CADRE, cadreId: $c }) { id } }',
      { u: name, c: cadreId },
      as,
    ),
  );
  return { cadreId, token: await s.t.login(name, 'probe-password') };
}

async function feedOf(s: Server, token: string): Promise<LiveSubscription> {
  const socket = await GraphQLSocket.open(s.t.graphqlUrl, { params: { authorization: `Bearer ${token}` } });
  s.sockets.push(socket);
  const feed = socket.subscribe(FEED);
  await s.t.server.services.realtime.settled();
  return feed;
}

const eventsOf = (feed: LiveSubscription) =>
  feed.results.map((r) => {
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return { type: r.data.issueEvents.type as string, issueId: r.data.issueEvents.issue.id as string };
  });

/**
 * Assigns `issueId` to the cadre. An assignee must work in the issue's grid (or have it in scope), so the cadre is
 * given the grid for the assignment and then taken off it again: afterwards it sees that issue and nothing else.
 */
async function assignThroughGrid(s: Server, issueId: string, cadreId: string, gridCode: string) {
  await gridMutation(s, 'assignCadre', cadreId, gridCode);
  await s.t.server.services.realtime.viewers.settled();
  await assignIssue(s, issueId, cadreId);
  await gridMutation(s, 'unassignCadre', cadreId, gridCode);
  await s.t.server.services.realtime.viewers.settled();
}

const report = (s: Server, gridCode: string) => reportIssue(s.t, { token: s.admin }, reportInput(s.ids.grids[gridCode].id));
const assignIssue = (s: Server, issueId: string, cadreId: string) =>
  s.t.gql('mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status } }', { id: issueId, c: cadreId }, { token: s.admin }).then(dataOf);
const comment = (s: Server, issueId: string) =>
  s.t.gql('mutation($id: ID!) { commentIssue(id: $id, note: "progress") { id } }', { id: issueId }, { token: s.admin }).then(dataOf);
const gridMutation = (s: Server, name: 'assignCadre' | 'unassignCadre', cadreId: string, gridCode: string) =>
  s.t.gql(`mutation($c: ID!, $g: ID!) { ${name}(cadreId: $c, gridId: $g) { id } }`, { c: cadreId, g: s.ids.grids[gridCode].id }, { token: s.admin }).then(dataOf);

describe('live feeds and scope changes, by production triggers', () => {
  // No periodic refresh within the test: only the mutations' own refresh can change a feed's scope.
  let s: Server;
  beforeAll(async () => {
    s = await serverWith(HOUR);
  });
  afterAll(() => closeServer(s));

  it('a cadre sees, live, the events of an issue assigned to it, and nothing of the issue beside it', async () => {
    const cadre = await newCadre(s);
    const feed = await feedOf(s, cadre.token);
    const mine = await report(s, 'JC-DH-GH-07');
    const other = await report(s, 'JC-DH-GH-07');
    await assignThroughGrid(s, mine.id, cadre.cadreId, 'JC-DH-GH-07');
    await comment(s, other.id);
    await comment(s, mine.id);
    await feed.until(() => eventsOf(feed).some((e) => e.type === 'COMMENTED'), 10_000, 'the comment on its issue');
    assert.deepEqual(eventsOf(feed), [
      { type: 'ASSIGNED', issueId: mine.id },
      { type: 'COMMENTED', issueId: mine.id },
    ]);
  });

  it('assignCadre and unassignCadre reach an open feed once their refresh is done (no reconnect, no manual refresh)', async () => {
    const cadre = await newCadre(s);
    // An issue of its own elsewhere (before the feed opens), for a marker it still sees after leaving the grid.
    const mine = await report(s, 'JC-DH-GH-07');
    await assignThroughGrid(s, mine.id, cadre.cadreId, 'JC-DH-GH-07');
    const feed = await feedOf(s, cadre.token);

    await gridMutation(s, 'assignCadre', cadre.cadreId, 'JC-DH-GH-06');
    await s.t.server.services.realtime.viewers.settled(); // the refresh the mutation started, if still running
    const inNewGrid = await report(s, 'JC-DH-GH-06');
    await feed.waitForResults(1, 10_000);
    assert.deepEqual(eventsOf(feed), [{ type: 'SUBMITTED', issueId: inNewGrid.id }]);

    await gridMutation(s, 'unassignCadre', cadre.cadreId, 'JC-DH-GH-06');
    await s.t.server.services.realtime.viewers.settled();
    const afterUnassign = await report(s, 'JC-DH-GH-06');
    // A marker it still sees (on the issue assigned to it), committed after the report it must not see.
    await comment(s, mine.id);
    await feed.waitForResults(2, 10_000);
    assert.deepEqual(eventsOf(feed), [
      { type: 'SUBMITTED', issueId: inNewGrid.id },
      { type: 'COMMENTED', issueId: mine.id },
    ]);
    assert.ok(!eventsOf(feed).some((e) => e.issueId === afterUnassign.id), 'nothing from the grid it left');
  });
});

describe('live feeds and scope changes made elsewhere: the periodic refresh', () => {
  let s: Server;
  beforeAll(async () => {
    s = await serverWith(200);
  });
  afterAll(() => closeServer(s));

  it('a grid assignment written straight to the database reaches an open feed within the refresh period', async () => {
    const cadre = await newCadre(s);
    const feed = await feedOf(s, cadre.token);
    await s.t.server.services.db.orm.em
      .fork()
      .getConnection()
      .execute('insert into cadre_assignment (id, cadre_id, grid_id, assigned_at) values (?, ?, ?, now())', [
        randomUUID(),
        cadre.cadreId,
        s.ids.grids['JC-DH-GH-06'].id,
      ]);
    // Report into the grid until one arrives: the first refresh after the insert lets it through.
    const deadline = Date.now() + 10_000;
    const reported = new Set<string>();
    while (feed.results.length === 0) {
      assert.ok(Date.now() < deadline, 'the periodic refresh brought the new grid into the feed\'s scope within 10 s');
      reported.add((await report(s, 'JC-DH-GH-06')).id);
      await feed.until(() => feed.results.length > 0, 500, 'an event').catch(() => undefined);
    }
    const [first] = eventsOf(feed);
    assert.ok(reported.has(first.issueId), 'an issue of the newly assigned grid');
  });
});
