/**
 * Two deployments on one Redis, told apart by REDIS_PREFIX: neither hears the
 * other's wake-ups ("events were committed") nor shares its rate-limit
 * counters. A replica of the same deployment (same prefix) does share them:
 * the control that shows the counters really live in Redis.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { dataOf, DEMO_PASSWORD, errorCode, startTestServer, type TestServer } from '../support/harness';
import { demoIds, REPORT, reportInput } from '../support/issues';

const REDIS_URL = process.env.LM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOGIN = 'mutation($p: String!) { login(username: "admin", password: $p) { token } }';

describe('deployments sharing one Redis (REDIS_PREFIX)', () => {
  const prefixA = `lmtest${randomBytes(4).toString('hex')}a:`;
  const prefixB = `lmtest${randomBytes(4).toString('hex')}b:`;
  /** What the test heard under each prefix: [channel, message] in order. */
  const heard: Record<string, [string, string][]> = { [prefixA]: [], [prefixB]: [] };
  const listener = new Redis(REDIS_URL, { lazyConnect: true });
  /** A subscribed connection takes no other commands: PUBSUB goes through this one. */
  const control = new Redis(REDIS_URL, { lazyConnect: true });
  const servers: TestServer[] = [];
  let a: TestServer;
  let b: TestServer;

  const start = async (prefix: string, seedDemo: boolean) => {
    const t = await startTestServer({ seedDemo, env: { REDIS_URL, REDIS_PREFIX: prefix, LOGIN_FAILURES_PER_ACCOUNT: '3' } });
    servers.push(t);
    return t;
  };

  /** Waits until `condition` holds, running `refresh` between checks; fails after 5 s. */
  async function until(what: string, condition: () => boolean, refresh?: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(heard)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await refresh?.();
    }
  }

  beforeAll(async () => {
    await Promise.all([listener.connect(), control.connect()]);
    listener.on('pmessage', (pattern: string, channel: string, message: string) => heard[pattern.slice(0, -1)].push([channel, message]));
    await listener.psubscribe(`${prefixA}*`, `${prefixB}*`);
    [a, b] = await Promise.all([start(prefixA, true), start(prefixB, false)]);
    // Each replica announces itself once connected: after that, the channels are quiet until a commit.
    await until('both deployments to announce themselves', () => heard[prefixA].length > 0 && heard[prefixB].length > 0);
  });

  afterAll(async () => {
    await Promise.all(servers.map((t) => t.close()));
    listener.disconnect();
    control.disconnect();
  });

  it("wakes only its own deployment's replicas: commits on A are announced under A's prefix, and B does not listen there", async () => {
    const [[channelA, replicaA]] = heard[prefixA];
    const [[channelB]] = heard[prefixB];
    const heardFromB = heard[prefixB].length;

    const token = await a.login('admin');
    const { grids } = await demoIds(a);
    const announcedBefore = heard[prefixA].length;
    dataOf(await a.gql(REPORT, { input: reportInput(grids['JC-DH-GH-07'].id) }, { token }));
    await until("A's wake-up for the report", () => heard[prefixA].length > announcedBefore);

    assert.deepEqual(heard[prefixA].slice(announcedBefore)[0], [channelA, replicaA], "announced on A's channel by A's replica");
    assert.equal(heard[prefixB].length, heardFromB, "nothing on B's channel");
    // Who listens where (the test's own subscriptions are patterns, not counted here): each deployment only on its own channel.
    assert.notEqual(channelA, channelB);
    assert.deepEqual(await control.call('PUBSUB', 'NUMSUB', channelA, channelB), [channelA, 1, channelB, 1]);
  });

  it('keeps rate-limit counters apart: failed sign-ins on A lock the account on A (and its replicas) only', async () => {
    for (let i = 0; i < 3; i++) assert.equal(errorCode(await a.gql(LOGIN, { p: 'wrong password' })), 'UNAUTHENTICATED');
    assert.equal(errorCode(await a.gql(LOGIN, { p: DEMO_PASSWORD })), 'RATE_LIMITED', 'A counted the failures');

    const replicaOfA = await start(prefixA, false);
    // Until its Redis connection is up a replica counts in memory (the insurance limiter): wait for it.
    const limitsConnections = async () => ((await control.call('CLIENT', 'LIST')) as string).split('\n').filter((line) => line.includes(` name=${prefixA}limits `)).length;
    let connected = await limitsConnections();
    await until("the replica's rate-limit connection", () => connected >= 2, async () => void (connected = await limitsConnections()));
    assert.equal(errorCode(await replicaOfA.gql(LOGIN, { p: DEMO_PASSWORD })), 'RATE_LIMITED', "A's other replica shares A's counters");
    assert.ok(dataOf(await b.gql<{ login: { token: string } }>(LOGIN, { p: DEMO_PASSWORD })).login.token, 'B signs in: its counters are its own');
  });
});
