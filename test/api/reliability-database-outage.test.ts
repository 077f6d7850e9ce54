/**
 * PostgreSQL stopped under a running API: requests fail fast with a clear
 * error, /readyz says 503, nothing crashes (background tasks keep trying),
 * and service resumes by itself when the database is back. Runs in the
 * PostgreSQL pass only, on a cluster of its own that it stops and starts.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { Client } from 'pg';
import { loadConfig } from '../../api/src/config';
import { startServer, type RunningServer } from '../../api/src/server/http';
import { createLogger } from '../../api/src/server/logger';
import { DEMO_PASSWORD, itOn, TEST_DB } from '../support/harness';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres';

interface Answer {
  status: number;
  ms: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

describe('database outage', () => {
  let cluster: ThrowawayPostgres | undefined;
  let server: RunningServer | undefined;
  const logLines: string[] = [];

  beforeAll(async () => {
    if (TEST_DB !== 'postgres') return;
    cluster = await createThrowawayPostgres();
    const admin = new Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('create database lastmeter');
    await admin.end();
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: cluster.urlFor('lastmeter'),
      SEED_DEMO: '0',
      ADMIN_PASSWORD: DEMO_PASSWORD,
      JWT_SECRET: 'outage-test-secret-outage-test-secret-0123',
      // Background work runs during the outage too: it must not crash the process.
      OVERDUE_SWEEP_SECONDS: '1',
      REALTIME_POLL_MS: '100',
    });
    server = await startServer(config, { logger: createLogger('info', { write: (line: string) => void logLines.push(line) }) });
  });

  afterAll(async () => {
    await server?.close();
    await cluster?.destroy();
  });

  const logged = (msg: string) => logLines.filter((line) => JSON.parse(line).msg === msg).length;

  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function graphql(query: string, token?: string, requestId?: string): Promise<Answer> {
    const started = Date.now();
    const res = await fetch(`${server!.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as Answer['body'];
    return { status: res.status, ms: Date.now() - started, headers: res.headers, body };
  }

  function assertUnavailable(answer: Answer, what: string): void {
    assert.equal(answer.status, 503, `${what}: HTTP 503, got ${answer.status} ${JSON.stringify(answer.body)}`);
    assert.ok(answer.ms < 5_000, `${what}: failed fast (${answer.ms} ms)`);
    assert.equal(answer.headers.get('retry-after'), '5');
    const error = answer.body.errors?.[0];
    assert.equal(error?.extensions?.code, 'INTERNAL_SERVER_ERROR');
    assert.equal(error?.extensions?.reason, 'DATABASE_UNAVAILABLE');
    assert.match(error!.message, /database is unavailable/);
    assert.doesNotMatch(error!.message, /ECONNREFUSED|127\.0\.0\.1|select|knex/i, 'no driver text');
  }

  {
    const it = itOn('postgres', 'a PostgreSQL cluster of its own is stopped and started');
    it('fails fast with 503 while PostgreSQL is stopped, stays up, and resumes when it returns', async () => {
      const login = await graphql(`mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { token } }`);
      const token = login.body.data.login.token as string;
      assert.equal((await graphql('{ issues(first: 1) { totalCount } }', token)).status, 200);

      await cluster!.stop('fast');

      // Identity is checked against the database (the context) and public fields read it (resolvers): both paths.
      assertUnavailable(await graphql('{ issues(first: 1) { totalCount } }', token), 'staff query');
      assertUnavailable(await graphql('{ gridAt(latitude: 30.585, longitude: 114.305) { code } }', undefined, 'outage-check-1'), 'public query');
      // The warning logged while formatting the error carries the request's id.
      const warning = logLines.map((line) => JSON.parse(line)).find((e) => e.msg === 'database unavailable' && e.requestId === 'outage-check-1');
      assert.ok(warning, 'the outage is logged with the request id');
      assertUnavailable(await graphql(`mutation { login(username: "admin", password: "${DEMO_PASSWORD}") { token } }`), 'login');

      const started = Date.now();
      const ready = await fetch(`${server!.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.ok(Date.now() - started < 3_000, 'readiness answers quickly');
      assert.equal(((await ready.json()) as { database: string }).database, 'unreachable');
      assert.equal((await fetch(`${server!.url}/healthz`)).status, 200, 'still alive');

      // The overdue sweeper (each second) and the event tail (each 100 ms) fail while the database is away, and are
      // handled: wait until they have (two sweeps, so the sweeper went on after a failure); an unhandled error would end this process.
      await until(() => logged('overdue sweep failed') >= 2 && logged('realtime: reading committed events failed; retrying') >= 1, 'background tasks to fail and go on');
      const metrics = await (await fetch(`${server!.url}/metrics`)).text();
      assert.match(metrics, /lastmeter_graphql_errors_total\{code="INTERNAL_SERVER_ERROR"\} [1-9]/);

      await cluster!.start();
      const deadline = Date.now() + 10_000;
      let answer = await graphql('{ issues(first: 1) { totalCount } }', token);
      while (answer.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answer = await graphql('{ issues(first: 1) { totalCount } }', token);
      }
      assert.equal(answer.status, 200, `service resumed: ${JSON.stringify(answer.body)}`);
      assert.equal(typeof answer.body.data.issues.totalCount, 'number');
      assert.equal((await fetch(`${server!.url}/readyz`)).status, 200);
    });

    it('survives a crash-like stop (immediate) just the same', async () => {
      await cluster!.stop('immediate');
      assertUnavailable(await graphql('{ categories { code } regions { id } }'), 'after immediate stop');
      await cluster!.start();
      const deadline = Date.now() + 10_000;
      let answer = await graphql('{ regions { id } }');
      while (answer.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answer = await graphql('{ regions { id } }');
      }
      assert.equal(answer.status, 200);
    });
  }
});
