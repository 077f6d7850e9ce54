/**
 * Redis goes away under two replicas (one PostgreSQL database): each replica
 * keeps serving its own subscribers, buffers nothing for Redis meanwhile,
 * does not crash, and — when Redis is back — reconnects and catches up what
 * other replicas committed during the outage. Uses a redis-server of its own
 * on a free port (the machine's shared Redis stays up). PostgreSQL pass only.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createScratchDatabase, dataOf, startTestServer, itOn, TEST_DB, type TestServer } from '../support/harness';
import { demoIds, reportInput, reportIssue } from '../support/issues';
import { GraphQLSocket, type LiveSubscription } from '../support/realtime-client';
import { freePort } from '../support/throwaway-postgres';

const TRACKER = 'subscription($c: String!) { issueTracked(trackingCode: $c) { status timeline { type publicNote } } }';
const PREFIX = 'lmoutage:';

/** A redis-server of our own; `stop()` kills it like a crash, `start()` brings it back on the same port. */
class OwnRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: 'ignore',
    });
    this.child = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(this.port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error('redis-server did not start');
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

describe('Redis outage under two replicas', () => {
  let redis: OwnRedis;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const servers: TestServer[] = [];
  const sockets: GraphQLSocket[] = [];

  beforeAll(async () => {
    if (TEST_DB !== 'postgres') return;
    redis = new OwnRedis(await freePort());
    await redis.start();
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    for (const server of servers) await server.close();
    await redis?.stop();
    await scratch?.drop();
  });

  const replica = async () => {
    const server = await startTestServer({
      // A slow safety poll: between replicas, only Redis wakes them up quickly.
      env: { DATABASE_URL: scratch.url, REDIS_URL: `redis://127.0.0.1:${redis.port}`, REDIS_PREFIX: PREFIX, REALTIME_POLL_MS: '60000' },
    });
    servers.push(server);
    return server;
  };
  const track = async (server: TestServer, code: string): Promise<LiveSubscription> => {
    const socket = await GraphQLSocket.open(server.graphqlUrl);
    sockets.push(socket);
    const sub = socket.subscribe(TRACKER, { c: code });
    await sub.waitForResults(1);
    return sub;
  };
  const notes = (sub: LiveSubscription) =>
    (sub.results.at(-1)?.data.issueTracked.timeline as { publicNote: string | null }[]).map((e) => e.publicNote).filter(Boolean);

  {
    const it = itOn('postgres', 'two replicas share one database only on a PostgreSQL server');
    it('serves local subscribers during the outage, buffers nothing, and catches up after it', async () => {
      const a = await replica();
      const b = await replica();
      const admin = await a.login('admin');
      const { grids } = await demoIds(a);
      const issue = await reportIssue(a, { token: admin }, reportInput(grids['JC-DH-GH-07'].id));
      const comment = (server: TestServer, note: string) =>
        server.gql('mutation($id: ID!, $n: String) { commentIssue(id: $id, publicNote: $n) { id } }', { id: issue.id, n: note }, { token: admin }).then(dataOf);
      const onA = await track(a, issue.trackingCode);
      const onB = await track(b, issue.trackingCode);
      await Promise.all([a.server.services.realtime.settled(), b.server.services.realtime.settled()]);

      // Before: a comment on A reaches B through Redis.
      await comment(a, 'before');
      await onB.until(() => notes(onB).includes('before'), 5_000, 'the first comment on B');

      await redis.stop();

      // During: each replica's own subscribers still get what that replica commits; nothing crashes.
      await comment(a, 'during-a');
      await onA.until(() => notes(onA).includes('during-a'), 5_000, 'A serves its own subscriber');
      await comment(b, 'during-b');
      await onB.until(() => notes(onB).includes('during-b'), 5_000, 'B serves its own subscriber');
      // Many commits while Redis is away: the wake-ups are dropped, not queued for later.
      for (let i = 0; i < 30; i++) await comment(a, `burst-${i}`);
      await onA.until(() => notes(onA).includes('burst-29'), 5_000, 'the burst on A');
      for (const server of [a, b]) {
        assert.equal((await fetch(`${server.url}/readyz`)).status, 200, 'Redis is not needed to be ready');
      }

      // After: Redis is back. A watcher on the channel sees no flood of stale wake-ups.
      await redis.start();
      const watcher = new Redis(redis.port, '127.0.0.1');
      let wakeups = 0;
      watcher.on('message', () => wakeups++);
      await watcher.subscribe(`${PREFIX}events:committed`);
      try {
        // B catches up with what A committed during the outage (on reconnecting, not at its 60 s poll).
        await onB.until(() => notes(onB).includes('burst-29'), 10_000, 'B catches up after Redis returns');
        assert.ok(notes(onB).includes('during-a'));
        // And wake-ups flow through Redis again.
        await comment(a, 'after');
        await onB.until(() => notes(onB).includes('after'), 10_000, 'a new comment on A reaches B');
        assert.ok(wakeups <= 3, `no replay of buffered wake-ups (${wakeups} seen)`);
      } finally {
        watcher.disconnect();
      }
    });
  }
});
