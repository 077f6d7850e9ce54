/**
 * Several API replicas on one real PostgreSQL database, woken through Redis:
 * an event committed on one reaches subscribers on the other; a replica
 * without Redis keeps serving its own subscribers and catches up by polling;
 * a replica that loses Redis reconnects; shutdown closes sockets with 1001.
 * Runs in both database modes (it always uses PostgreSQL and Redis).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createScratchDatabase, dataOf, type TestServer, startTestServer } from '../support/harness';
import { demoIds, reportInput, reportIssue, type DemoIds } from '../support/issues';
import { GraphQLSocket } from '../support/realtime-client';

const REDIS_URL = process.env.LM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TRACKER = 'subscription($c: String!) { issueTracked(trackingCode: $c) { status } }';
const FEED = 'subscription($g: ID) { issueEvents(filter: { gridId: $g }) { type issue { id } } }';

describe('replicas on one PostgreSQL database, through Redis', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  // A channel prefix of our own: other tests and deployments may share this Redis.
  const prefix = `lmtest:${randomBytes(4).toString('hex')}:`;
  const servers: TestServer[] = [];
  const sockets: GraphQLSocket[] = [];
  let a: TestServer;
  let b: TestServer;
  let admin: string;
  let ids: DemoIds;
  let redis: Redis;

  /** A replica on the shared database. The poll is slow unless asked: wake-ups must come through Redis. */
  const replica = async (env: Record<string, string> = {}) => {
    const server = await startTestServer({
      env: { DATABASE_URL: scratch.url, REDIS_URL, REDIS_PREFIX: prefix, REALTIME_POLL_MS: '60000', ...env },
    });
    servers.push(server);
    return server;
  };
  const open = async (server: TestServer, params: Record<string, unknown> = {}) => {
    const socket = await GraphQLSocket.open(server.graphqlUrl, { params });
    sockets.push(socket);
    return socket;
  };
  const accept = async (server: TestServer, id: string) =>
    dataOf(await server.gql('mutation($id: ID!) { acceptIssue(id: $id) { status } }', { id }, { token: admin }));
  /** This prefix's Redis connections as CLIENT LIST shows them. */
  const ourRedisClients = async () =>
    (await redis.client('LIST') as string)
      .split('\n')
      .filter((line) => line.includes(` name=${prefix}`))
      .map((line) => Object.fromEntries(line.split(' ').map((kv) => kv.split('=') as [string, string])));

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    redis = new Redis(REDIS_URL);
    a = await replica();
    b = await replica();
    admin = await a.login('admin');
    ids = await demoIds(a);
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    for (const server of servers) await server.close();
    redis?.disconnect();
    await scratch?.drop();
  });

  it('delivers an event committed on replica A to subscribers on replica B, and back', async () => {
    const grid = ids.grids['JC-DH-GH-07'].id;
    const issue = await reportIssue(a, { token: admin }, reportInput(grid));
    const tracker = (await open(b)).subscribe(TRACKER, { c: issue.trackingCode });
    await tracker.waitForResults(1);
    const feedOnB = (await open(b, { authorization: `Bearer ${admin}` })).subscribe(FEED, { g: grid });
    const feedOnA = (await open(a, { authorization: `Bearer ${admin}` })).subscribe(FEED, { g: grid });
    await Promise.all([a.server.services.realtime.settled(), b.server.services.realtime.settled()]);

    await accept(a, issue.id);
    await tracker.waitForResults(2, 5_000);
    assert.equal(tracker.results[1].data.issueTracked.status, 'ACCEPTED');
    await feedOnB.waitForResults(1, 5_000);
    assert.deepEqual(feedOnB.results[0].data.issueEvents, { type: 'ACCEPTED', issue: { id: issue.id } });

    // And from B to A: a comment committed on B.
    dataOf(await b.gql('mutation($id: ID!) { commentIssue(id: $id, publicNote: "已派人") { id } }', { id: issue.id }, { token: admin }));
    await feedOnA.until(() => feedOnA.results.some((r) => r.data.issueEvents.type === 'COMMENTED'), 5_000, 'the comment from B');
    await tracker.waitForResults(3, 5_000);
    assert.deepEqual(
      feedOnA.results.map((r) => r.data.issueEvents.type),
      ['ACCEPTED', 'COMMENTED'],
    );
  });

  it("answers trackIssue on replica B from memory, yet never behind B's own live tracker after a change on A", async () => {
    const issue = await reportIssue(a, { token: admin }, reportInput(ids.grids['JC-DH-GH-07'].id));
    const track = async () => dataOf(await b.gql<any>('query($c: String!) { trackIssue(trackingCode: $c) { status } }', { c: issue.trackingCode })).trackIssue.status;
    assert.equal(await track(), 'SUBMITTED');
    assert.equal(b.server.services.trackedIssues.size > 0, true, 'B keeps the answer');
    const tracker = (await open(b)).subscribe(TRACKER, { c: issue.trackingCode });
    await tracker.waitForResults(1);
    await accept(a, issue.id);
    await tracker.waitForResults(2, 5_000);
    assert.equal(tracker.results[1].data.issueTracked.status, 'ACCEPTED');
    assert.equal(await track(), 'ACCEPTED');
  });

  it('keeps serving its own subscribers without Redis, and catches up with other replicas by polling', async () => {
    // Nothing listens on port 1: this replica never reaches Redis, yet starts and serves.
    const lonely = await replica({ REDIS_URL: 'redis://127.0.0.1:1', REALTIME_POLL_MS: '200' });
    const grid = ids.grids['QS-SQ-LJ-01'].id;
    const feed = (await open(lonely, { authorization: `Bearer ${admin}` })).subscribe(FEED, { g: grid });
    await lonely.server.services.realtime.settled();

    const local = await reportIssue(lonely, { token: admin }, reportInput(grid));
    await feed.waitForResults(1, 5_000);
    assert.deepEqual(feed.results[0].data.issueEvents, { type: 'SUBMITTED', issue: { id: local.id } });

    const remote = await reportIssue(a, { token: admin }, reportInput(grid));
    await feed.waitForResults(2, 5_000);
    assert.deepEqual(feed.results[1].data.issueEvents, { type: 'SUBMITTED', issue: { id: remote.id } });
    await lonely.close();
  });

  it('reconnects when its Redis connections are cut, and wake-ups flow again', async () => {
    const clients = await ourRedisClients();
    assert.ok(clients.length >= 4, 'two connections per replica');
    for (const client of clients) await redis.client('KILL', 'ID', client.id);
    // Wait until both replicas have their two connections again, one subscribed (Redis has no event for this).
    const deadline = Date.now() + 10_000;
    const reconnected = (list: Record<string, string>[]) => list.length >= 4 && list.filter((c) => Number(c.sub) > 0).length >= 2;
    while (!reconnected(await ourRedisClients())) {
      assert.ok(Date.now() < deadline, 'the replicas re-subscribe');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const issue = await reportIssue(a, { token: admin }, reportInput(ids.grids['JC-DH-GH-07'].id));
    const tracker = (await open(b)).subscribe(TRACKER, { c: issue.trackingCode });
    await tracker.waitForResults(1);
    await accept(a, issue.id);
    await tracker.waitForResults(2, 5_000);
  });

  it('on shutdown closes every socket with 1001 (going away) and finishes well within 10 s', async () => {
    const issue = await reportIssue(a, { token: admin }, reportInput(ids.grids['JC-DH-GH-07'].id));
    const open1 = await open(b);
    const open2 = await open(b, { authorization: `Bearer ${admin}` });
    open1.subscribe(TRACKER, { c: issue.trackingCode });
    open2.subscribe(FEED, {});
    const started = Date.now();
    await b.close();
    const elapsed = Date.now() - started;
    assert.equal((await open1.closed).code, 1001);
    assert.equal((await open2.closed).code, 1001);
    assert.ok(elapsed < 10_000, `closed in ${elapsed} ms`);
    await assert.rejects(GraphQLSocket.open(b.graphqlUrl, { timeoutMs: 2_000 }));
  });
});
