/**
 * Graceful shutdown of a real API process: SIGTERM/SIGINT close WebSockets
 * with 1001, release the database and Redis, and exit 0 well within 10 s.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
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
