/**
 * The SDK's live feeds against a live API over graphql-ws: the tracker's
 * snapshot then changes; the staff feed resumes after a dropped socket with
 * every missed event exactly once; terminal refusals end a feed with a
 * LastmeterError instead of reconnecting for ever.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import WebSocket from 'ws';
import { createClient, type Grid, type IssueEvent, type LastmeterClient } from '../../sdk/src/index.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/harness';
import { lastmeterErrorOf } from '../support/sdk-errors';

/**
 * A network between the SDK and the server that a test can cut: `drop()` kills
 * every open socket at once; while `offline`, new sockets are refused.
 */
class CuttableNetwork {
  offline = false;
  opened = 0;
  readonly sockets = new Set<WebSocket>();

  /** A WebSocket constructor for `webSocketImpl`. */
  readonly WebSocket = (() => {
    const network = this;
    return class NetworkWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        // Port 9 (discard) has no listener here: the connection is refused, as when offline.
        super(network.offline ? 'ws://127.0.0.1:9/graphql' : address, protocols);
        network.opened++;
        network.sockets.add(this);
        this.on('close', () => network.sockets.delete(this));
      }
    };
  })();

  drop(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Closes every socket cleanly (1000): graphql-ws then resubscribes by itself with the original variables. */
  closeNormally(): void {
    for (const socket of this.sockets) socket.close(1000, 'Normal Closure');
  }
}

const FAST_RETRY = { minDelayMs: 20, maxDelayMs: 100 };

const rejectionOf = (promise: Promise<unknown>) => lastmeterErrorOf(promise, 'feed');

/** The next value of an iterator, failing the test instead of hanging. */
async function nextValue<T>(iterator: AsyncIterator<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    const result = await Promise.race([iterator.next(), timeout]);
    assert.equal(result.done, false, `the feed ended while waiting for ${what}`);
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

describe('SDK live feeds against a live server (graphql-ws)', () => {
  let t: TestServer;
  let admin: LastmeterClient;
  let portal: LastmeterClient;
  let portalKey: string;
  let grid7: Grid;

  beforeAll(async () => {
    t = await startTestServer();
    admin = createClient({ url: t.graphqlUrl, webSocketImpl: WebSocket });
    await admin.login({ username: 'admin', password: DEMO_PASSWORD });
    portalKey = (await admin.createPortalKey({ name: 'live feed portal', allowedOrigins: [] })).key!;
    portal = createClient({ url: t.graphqlUrl, portalKey, webSocketImpl: WebSocket });
    grid7 = (await portal.gridAt({ latitude: 30.585, longitude: 114.305 }))!;
  });
  afterAll(async () => {
    await Promise.all([admin?.dispose(), portal?.dispose()]);
    await t?.close();
  });

  async function report(description: string) {
    const { trackingCode } = await portal.reportIssue({ input: { categoryCode: 'GARBAGE', description, gridId: grid7.id } });
    const page = await admin.issues({ filter: { search: trackingCode } });
    const issue = await admin.issue({ id: page.edges[0].node.id });
    return { trackingCode, id: issue!.id, version: issue!.version, lastCursor: issue!.timeline.at(-1)!.cursor };
  }

  it('issueTracked gives the current state at once, then every change; break unsubscribes', async () => {
    const issue = await report('路灯不亮。');
    const resident = createClient({ url: t.graphqlUrl, webSocketImpl: WebSocket });
    const feed = resident.issueTracked({ trackingCode: issue.trackingCode })[Symbol.asyncIterator]();
    const snapshot = await nextValue(feed, 'the snapshot');
    assert.equal(snapshot.trackingCode, issue.trackingCode);
    assert.equal(snapshot.status, 'SUBMITTED');

    await admin.acceptIssue({ id: issue.id, expectedVersion: issue.version });
    const accepted = await nextValue(feed, 'the ACCEPTED update');
    assert.equal(accepted.status, 'ACCEPTED');
    assert.deepEqual(accepted.timeline.map((e) => e.type), ['SUBMITTED', 'ACCEPTED']);

    assert.deepEqual(await feed.return!(), { value: undefined, done: true });
    assert.deepEqual(await feed.next(), { value: undefined, done: true });
    await resident.dispose();
  });

  it('issueTracked for an unknown code ends with a LastmeterError, without reconnecting', async () => {
    const network = new CuttableNetwork();
    const resident = createClient({ url: t.graphqlUrl, webSocketImpl: network.WebSocket, retry: FAST_RETRY });
    const error = await rejectionOf(resident.issueTracked({ trackingCode: 'LM-0000-0000-0000' })[Symbol.asyncIterator]().next());
    assert.equal(error.code, 'NOT_FOUND');
    assert.equal(error.operationName, 'IssueTracked');
    assert.equal(network.opened, 1, 'a terminal error is not retried');
    await resident.dispose();
  });

  it('issueEvents refuses strangers and forged tokens with UNAUTHENTICATED, without looping', async () => {
    const stranger = createClient({ url: t.graphqlUrl, webSocketImpl: WebSocket, retry: FAST_RETRY });
    assert.equal((await rejectionOf(stranger.issueEvents()[Symbol.asyncIterator]().next())).code, 'UNAUTHENTICATED');
    await stranger.dispose();

    // A token function may be refreshed once after 4401; a forged one stays forged.
    const network = new CuttableNetwork();
    const forgedToken = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.Zm9yZ2VkLXNpZ25hdHVyZQ';
    const forger = createClient({ url: t.graphqlUrl, token: () => forgedToken, webSocketImpl: network.WebSocket, retry: FAST_RETRY });
    const error = await rejectionOf(forger.issueEvents()[Symbol.asyncIterator]().next());
    assert.equal(error.code, 'UNAUTHENTICATED');
    assert.equal(error.closeCode, 4401);
    assert.ok(!error.message.includes(forgedToken));
    assert.equal(network.opened, 2, 'one refresh attempt, then the error');
    await forger.dispose();
  });

  it('issueEvents replays from `after`, then resumes after a dropped socket without loss or duplicates', async () => {
    const start = await report('起点：订阅之前的最后一件。');
    const network = new CuttableNetwork();
    const staff = createClient({ url: t.graphqlUrl, webSocketImpl: network.WebSocket, retry: FAST_RETRY });
    await staff.login({ username: 'admin', password: DEMO_PASSWORD });
    const feed = staff.issueEvents({ filter: { gridId: grid7.id }, after: start.lastCursor })[Symbol.asyncIterator]();
    const seen: IssueEvent[] = [];
    const take = async (what: string) => {
      const event = await nextValue(feed, what);
      seen.push(event);
      return event;
    };

    const a = await report('A：断线之前。');
    assert.equal((await take('A submitted')).issue.trackingCode, a.trackingCode);

    // Cut the network; while it is down, three events are committed.
    const socketsBeforeDrop = network.opened;
    network.offline = true;
    network.drop();
    const b = await report('B：断线期间。');
    await admin.acceptIssue({ id: b.id, expectedVersion: b.version });
    const c = await report('C：断线期间。');
    network.offline = false;

    await take('B submitted');
    await take('B accepted');
    await take('C submitted');
    const d = await report('D：恢复之后。');
    await take('D submitted');

    assert.deepEqual(
      seen.map((e) => `${e.issue.trackingCode} ${e.type}`),
      [`${a.trackingCode} SUBMITTED`, `${b.trackingCode} SUBMITTED`, `${b.trackingCode} ACCEPTED`, `${c.trackingCode} SUBMITTED`, `${d.trackingCode} SUBMITTED`],
    );
    assert.equal(new Set(seen.map((e) => e.cursor)).size, seen.length, 'no event twice');
    assert.ok(network.opened > socketsBeforeDrop, 'the feed reconnected on a new socket');
    await feed.return!();
    await staff.dispose();
  });

  it('issueEvents drops events a resubscription replays a second time', async () => {
    const start = await report('起点：重放测试。');
    const network = new CuttableNetwork();
    const staff = createClient({ url: t.graphqlUrl, webSocketImpl: network.WebSocket, retry: FAST_RETRY });
    await staff.login({ username: 'admin', password: DEMO_PASSWORD });
    const feed = staff.issueEvents({ filter: { gridId: grid7.id }, after: start.lastCursor })[Symbol.asyncIterator]();
    const a = await report('A：重放之前。');
    const b = await report('B：重放之前。');
    const seen = [await nextValue(feed, 'A'), await nextValue(feed, 'B')];

    // After a clean close graphql-ws resubscribes with the variables it had (after = start): A and B come again.
    const socketsBefore = network.opened;
    network.closeNormally();
    const c = await report('C：重放之后。');
    seen.push(await nextValue(feed, 'C'));
    assert.ok(network.opened > socketsBefore, 'a new socket was opened');
    assert.deepEqual(
      seen.map((e) => e.issue.trackingCode),
      [a.trackingCode, b.trackingCode, c.trackingCode],
    );
    await feed.return!();
    await staff.dispose();
  });

  it('dispose ends a feed that is waiting for its next event', async () => {
    const staff = createClient({ url: t.graphqlUrl, webSocketImpl: WebSocket });
    await staff.login({ username: 'admin', password: DEMO_PASSWORD });
    const feed = staff.issueEvents({ filter: { gridId: grid7.id } })[Symbol.asyncIterator]();
    const pending = feed.next();
    await staff.dispose();
    assert.deepEqual(await pending, { value: undefined, done: true });
  });
});
