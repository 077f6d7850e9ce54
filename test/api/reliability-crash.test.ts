/**
 * Crash safety: `kill -9` of the API in the middle of a stream of
 * reportIssue calls loses no report whose tracking code was returned, and
 * after a restart, retrying every idempotency key creates nothing twice —
 * on the embedded database (in a data directory of its own) and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { createScratchDatabase, DEMO_PASSWORD, TEST_DB } from '../support/harness';
import { reportInput } from '../support/issues';

const REPORT = 'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }';
const WORKERS = 4;
/** Acknowledged reports to collect before the kill. */
const ACKNOWLEDGED_BEFORE_KILL = 25;

async function gql(api: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  return (await api.gql(query, variables, token)).body;
}

describe('crash safety', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('kill -9 mid-stream loses no acknowledged report; retried keys create nothing twice', async () => {
    const env: Record<string, string> = {
      SEED_DEMO: '1',
      JWT_SECRET: 'crash-test-secret-crash-test-secret-0123456789',
      REPORT_RATE_LIMIT: '1000000',
      OVERDUE_SWEEP_SECONDS: '0',
    };
    if (TEST_DB === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanups.push(() => scratch.drop());
      Object.assign(env, { DATABASE_URL: scratch.url, ADMIN_PASSWORD: DEMO_PASSWORD });
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-crash-'));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      env.DATA_DIR = dataDir;
    }

    const first = await startApiProcess(env);
    cleanups.push(() => void first.kill('SIGKILL'));
    const token = (await gql(first, 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: DEMO_PASSWORD })).data.login
      .token as string;
    const gridId = (await gql(first, '{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).data.gridAt.id as string;
    const countIssues = async (api: ApiProcess) => (await gql(api, '{ issues(first: 1) { totalCount } }', {}, token)).data.issues.totalCount as number;
    const before = await countIssues(first);

    // The stream: WORKERS reports always in flight; a report is acknowledged once its tracking code came back.
    const acknowledged = new Map<string, string>();
    const unanswered = new Set<string>();
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const key = randomUUID();
        try {
          const body = await gql(first, REPORT, { input: reportInput(gridId, { idempotencyKey: key }) }, token);
          const code = body.data?.reportIssue?.trackingCode;
          if (code) acknowledged.set(key, code);
          else if (!killed) throw new Error(`report refused: ${JSON.stringify(body.errors)}`);
          else unanswered.add(key);
        } catch (error) {
          if (!killed) throw error;
          unanswered.add(key); // cut off by the kill: it may or may not have been committed
        }
      }
    };
    const stream = Promise.all(Array.from({ length: WORKERS }, worker));
    while (acknowledged.size < ACKNOWLEDGED_BEFORE_KILL) {
      await Promise.race([stream, new Promise((resolve) => setTimeout(resolve, 10))]);
    }
    killed = true;
    const exit = await first.kill('SIGKILL');
    await stream;
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(unanswered.size > 0, 'the kill cut requests in flight');

    const second = await startApiProcess(env);
    cleanups.push(() => void second.kill('SIGKILL'));

    // Every acknowledged report survived.
    for (const [key, code] of acknowledged) {
      const tracked = (await gql(second, 'query($c: String!) { trackIssue(trackingCode: $c) { trackingCode status } }', { c: code })).data?.trackIssue;
      assert.ok(tracked, `acknowledged report ${code} (key ${key}) survived the crash`);
      assert.equal(tracked.status, 'SUBMITTED');
    }
    const afterCrash = await countIssues(second);
    assert.ok(afterCrash - before >= acknowledged.size, 'no acknowledged report lost');
    assert.ok(afterCrash - before <= acknowledged.size + unanswered.size, 'nothing appeared from nowhere');

    // Retrying every key: acknowledged ones return their own issue; cut-off ones are filed exactly once.
    const keys = [...acknowledged.keys(), ...unanswered];
    const retry = async () => {
      for (const key of keys) {
        const body = await gql(second, REPORT, { input: reportInput(gridId, { idempotencyKey: key }) }, token);
        const code = body.data?.reportIssue?.trackingCode;
        assert.ok(code, `retry of ${key}: ${JSON.stringify(body.errors)}`);
        if (acknowledged.has(key)) assert.equal(code, acknowledged.get(key), 'a retry returns the same tracking code');
      }
    };
    await retry();
    assert.equal(await countIssues(second), before + keys.length, 'each key made exactly one issue');
    await retry();
    assert.equal(await countIssues(second), before + keys.length, 'a second round of retries creates nothing');
    assert.deepEqual(await second.kill('SIGTERM'), { code: 0, signal: null });
  });
});
