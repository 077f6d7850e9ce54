/**
 * Graceful shutdown of a real API process: SIGTERM/SIGINT close WebSockets
 * with 1001, release the database and Redis, and exit 0 well within 10 s.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createScratchDatabase, DEMO_PASSWORD, TEST_DB } from '../support/harness';
import { startApiProcess } from '../support/api-process';
import { GraphQLSocket } from '../support/realtime-client';

const REDIS_URL = process.env.LM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('graceful shutdown', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** This pass's database, shared by both tests (the second start is a quick restart). */
  let database: Promise<{ env: Record<string, string>; dataDir?: string; databaseUrl?: string }> | undefined;
  const databaseEnv = () => (database ??= createDatabase());
  async function createDatabase(): Promise<{ env: Record<string, string>; dataDir?: string; databaseUrl?: string }> {
    if (TEST_DB === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanups.push(() => scratch.drop());
      return { env: { DATABASE_URL: scratch.url, ADMIN_PASSWORD: DEMO_PASSWORD }, databaseUrl: scratch.url };
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-shutdown-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    return { env: { DATA_DIR: dataDir }, dataDir };
  }

  it('on SIGTERM closes sockets with 1001, lets go of the database and Redis, and exits 0 within 10 s', async () => {
    const { env, dataDir, databaseUrl } = await databaseEnv();
    const prefix = `lmtest${randomBytes(4).toString('hex')}:`;
    const api = await startApiProcess({ ...env, SEED_DEMO: '0', REDIS_URL, REDIS_PREFIX: prefix, JWT_SECRET: 'shutdown-test-secret-shutdown-test-0123456' });
    cleanups.push(() => void api.kill('SIGKILL'));
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    cleanups.push(() => redis.disconnect());
    await redis.connect();
    const ourRedisClients = async () => ((await redis.call('CLIENT', 'LIST')) as string).split('\n').filter((line) => line.includes(`name=${prefix}`)).length;

    const socket = await GraphQLSocket.open(`${api.url}/graphql`);
    assert.ok((await ourRedisClients()) >= 1, 'the API is connected to Redis');
    if (dataDir) assert.ok(fs.existsSync(path.join(dataDir, 'lastmeter.pid')), 'the data directory is locked while running');

    const started = Date.now();
    api.child.kill('SIGTERM');
    const closed = await socket.closed;
    const exit = await api.exited;
    const elapsed = Date.now() - started;

    assert.equal(closed.code, 1001, 'sockets closed with 1001 (going away)');
    assert.deepEqual(exit, { code: 0, signal: null }, api.output().slice(-1000));
    assert.ok(elapsed < 10_000, `exited in ${elapsed} ms`);
    assert.equal(await ourRedisClients(), 0, 'Redis connections closed');
    if (dataDir) assert.ok(!fs.existsSync(path.join(dataDir, 'lastmeter.pid')), 'embedded database closed (lock released)');
    if (databaseUrl) {
      const name = new URL(databaseUrl).pathname.slice(1);
      const admin = new Client({ connectionString: databaseUrl.replace(`/${name}`, '/postgres') });
      await admin.connect();
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      await admin.end();
      assert.equal(rows[0].n, 0, 'database connections closed');
    }
    await assert.rejects(fetch(`${api.url}/healthz`), 'no longer listening');
  });

  it('gives an in-flight request its grace after SIGTERM, and answers /readyz 503 while shutting down', async () => {
    const { env } = await databaseEnv();
    const api = await startApiProcess({ ...env, SEED_DEMO: '0', JWT_SECRET: 'shutdown-test-secret-shutdown-test-0123456' });
    cleanups.push(() => void api.kill('SIGKILL'));
    // A WebSocket peer that never answers the close (a phone out of coverage) holds the first stage of the
    // shutdown for its 2 s: the window in which the server still listens but is no longer ready.
    const silentPeer = await openSilentWebSocket(api.port);
    cleanups.push(() => void silentPeer.destroy());

    // A request in flight: its headers are in, its body is not yet complete.
    const body = JSON.stringify({ query: '{ categories { code } }' });
    const slow = http.request({ host: '127.0.0.1', port: api.port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      slow.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
        res.on('error', reject);
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 10));

    const started = Date.now();
    api.child.kill('SIGTERM');
    const ready = await until(async () => {
      const probe = await get(api.port, '/readyz');
      return probe.status === 503 ? probe : undefined;
    }, 'a 503 from /readyz');
    assert.equal(JSON.parse(ready.text).shuttingDown, true, ready.text);
    // Then the listener closes (no new connections) while the slow request is still open: the drain.
    await until(async () => ((await accepts(api.port)) ? undefined : true), 'the listener to close');

    slow.end(body.slice(10));
    const answer = await answered;
    assert.equal(answer.status, 200, answer.text);
    assert.ok(JSON.parse(answer.text).data.categories.length > 0, answer.text);
    assert.deepEqual(await api.exited, { code: 0, signal: null }, api.output().slice(-1000));
    assert.ok(Date.now() - started < 10_000);
  });

  it('on SIGINT (Ctrl-C) exits 0 as well', async () => {
    const { env } = await databaseEnv();
    const api = await startApiProcess({ ...env, SEED_DEMO: '0', JWT_SECRET: 'shutdown-test-secret-shutdown-test-0123456' });
    cleanups.push(() => void api.kill('SIGKILL'));
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ categories { code } }' }),
    });
    assert.equal(res.status, 200);
    const started = Date.now();
    const exit = await api.kill('SIGINT');
    assert.deepEqual(exit, { code: 0, signal: null }, api.output().slice(-1000));
    assert.ok(Date.now() - started < 10_000);
  });
});

/** Polls `probe` every 20 ms until it yields a value (an exception counts as not yet), failing after 5 s. */
async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A GET on a connection of its own (no keep-alive pool: each probe is a new connection, as a load balancer's). */
function get(port: number, pathname: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      })
      .on('error', reject);
  });
}

/** Whether the port still accepts connections. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Completes a graphql-transport-ws upgrade on a raw socket, then reads and answers nothing. */
async function openSilentWebSocket(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(
    [
      'GET /graphql HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Protocol: graphql-transport-ws',
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve, reject) => {
    socket.once('data', (chunk) => resolve(chunk.toString('latin1')));
    socket.once('error', reject);
  });
  assert.match(head, /^HTTP\/1\.1 101 /, head);
  socket.pause();
  return socket;
}
