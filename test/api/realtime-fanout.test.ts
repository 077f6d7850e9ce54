/**
 * Fan-out: a thousand concurrent subscribers (public trackers and staff
 * feeds, one socket each) all receive one event, and delivering it costs a
 * fixed number of SQL statements however many subscribers there are (one
 * snapshot per tracking code, one execution per shared selection).
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { dataOf, type TestServer, startTestServer } from '../support/harness';
import { demoIds, reportInput, reportIssue } from '../support/issues';
import { GraphQLSocket, type LiveSubscription } from '../support/realtime-client';

const TRACKERS = 500;
const FEEDS = 500;

describe('fan-out to 1,000 concurrent subscribers', () => {
  let t: TestServer;
  let counting = false;
  const statements: string[] = [];
  const sockets: GraphQLSocket[] = [];

  beforeAll(async () => {
    t = await startTestServer({
      // A thousand sockets from this one test process (the default cap per address is far lower).
      env: { MAX_CONNECTIONS_PER_ADDRESS: '5000' },
      onQuery: (sql) => {
        if (counting) statements.push(sql);
      },
    });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await t?.close();
  });

  /** Opens `count` sockets, 25 at a time, each with one subscription. */
  async function subscribers(count: number, params: Record<string, unknown>, query: string, variables: Record<string, unknown>) {
    const subs: LiveSubscription[] = [];
    for (let i = 0; i < count; i += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => GraphQLSocket.open(t.graphqlUrl, { params, timeoutMs: 30_000 })));
      sockets.push(...batch);
      subs.push(...batch.map((socket) => socket.subscribe(query, variables)));
    }
    return subs;
  }

  it('delivers one event to every subscriber, at a cost independent of their number', async () => {
    const admin = await t.login('admin');
    const ids = await demoIds(t);
    const grid = ids.grids['JC-DH-GH-07'].id;
    const issue = await reportIssue(t, { token: admin }, reportInput(grid));

    const trackers = await subscribers(TRACKERS, {}, 'subscription($c: String!) { issueTracked(trackingCode: $c) { status timeline { type } } }', {
      c: issue.trackingCode,
    });
    // Feeds start just before the report: each first replays its SUBMITTED event, so we know it is listening.
    const [submitted] = dataOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { timeline { id } } }', { id: issue.id }, { token: admin })).issue.timeline;
    const justBefore = Buffer.from(JSON.stringify(['ev', Number(submitted.id) - 1])).toString('base64url');
    const feeds = await subscribers(
      FEEDS,
      { authorization: `Bearer ${admin}` },
      'subscription($g: ID, $a: String) { issueEvents(filter: { gridId: $g }, after: $a) { type issue { id status } } }',
      { g: grid, a: justBefore },
    );
    await Promise.all([...trackers, ...feeds].map((s) => s.waitForResults(1, 30_000)));
    await t.server.services.realtime.settled();
    assert.deepEqual(t.server.services.realtime.subscriberCounts, { issueEvents: FEEDS, issueTracked: TRACKERS });

    // Arrival times of the event at each subscriber.
    const arrivals: number[] = [];
    const all = [...trackers, ...feeds];
    const expected = 2;
    counting = true;
    const sent = performance.now();
    dataOf(await t.gql('mutation($id: ID!) { acceptIssue(id: $id) { status } }', { id: issue.id }, { token: admin }));
    await Promise.all(
      all.map(async (s) => {
        await s.waitForResults(expected, 30_000);
        arrivals.push(performance.now() - sent);
      }),
    );
    await t.server.services.realtime.settled();
    counting = false;

    for (const s of trackers) {
      assert.equal(s.results.length, 2);
      assert.deepEqual(s.results[1], { data: { issueTracked: { status: 'ACCEPTED', timeline: [{ type: 'SUBMITTED' }, { type: 'ACCEPTED' }] } } });
    }
    for (const s of feeds) {
      assert.equal(s.results.length, 2);
      assert.deepEqual(s.results[1], { data: { issueEvents: { type: 'ACCEPTED', issue: { id: issue.id, status: 'ACCEPTED' } } } });
    }
    // The mutation, one tail read, one tracker snapshot, one shared execution for all the feeds: a few dozen at most, not ~1,000.
    assert.ok(statements.length < 50, `${statements.length} SQL statements for one event to ${all.length} subscribers`);

    arrivals.sort((a, b) => a - b);
    const pct = (p: number) => arrivals[Math.min(arrivals.length - 1, Math.floor((p / 100) * arrivals.length))].toFixed(0);
    console.log(`# fan-out to ${all.length} subscribers: p50 ${pct(50)} ms, p99 ${pct(99)} ms, ${statements.length} SQL statements (incl. the mutation)`);
  });
});
