/**
 * What DATA_DIR holds for a running API process: the embedded database, which
 * one process at a time may use (a second API on it is refused with a clear
 * error and exits non-zero, the first keeps serving), and the JWT secret
 * generated when JWT_SECRET is unset, so tokens survive a restart.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { ApiExitedDuringStart, startApiProcess, type ApiProcess } from '../support/api-process';
import { createScratchDatabase, DEMO_PASSWORD, itOn, TEST_DB } from '../support/harness';

const LOGIN = 'mutation($p: String!) { login(username: "admin", password: $p) { token } }';

describe('the data directory', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** No JWT_SECRET: the API generates one and keeps it in DATA_DIR. */
  async function environment(): Promise<Record<string, string>> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-data-dir-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { DATA_DIR: dataDir, SEED_DEMO: '0', ADMIN_PASSWORD: DEMO_PASSWORD, OVERDUE_SWEEP_SECONDS: '0' };
    if (TEST_DB === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanups.push(() => scratch.drop());
      env.DATABASE_URL = scratch.url;
    }
    return env;
  }

  async function start(env: Record<string, string>): Promise<ApiProcess> {
    const api = await startApiProcess(env);
    cleanups.push(() => void api.kill('SIGKILL'));
    return api;
  }

  const whoAmI = async (api: ApiProcess, token: string) => (await api.gql('{ me { username } }', {}, token)).body;

  {
    const it = itOn('embedded', 'the DATA_DIR lock guards the embedded database');
    it('refuses a second API on the same DATA_DIR with a clear error and a non-zero exit; the first keeps serving', async () => {
      const env = await environment();
      const first = await start(env);
      const token = (await first.gql(LOGIN, { p: DEMO_PASSWORD })).body.data.login.token as string;

      const refused = await startApiProcess(env).then(
        (second) => {
          cleanups.push(() => void second.kill('SIGKILL'));
          return undefined;
        },
        (error: unknown) => error,
      );
      assert.ok(refused instanceof ApiExitedDuringStart, `the second API did not start: ${String(refused)}`);
      assert.equal(refused.exit.code, 1, refused.output);
      assert.match(refused.output, new RegExp(`The data directory ${env.DATA_DIR} is in use by process ${first.child.pid}: stop that process first`));

      assert.deepEqual(await whoAmI(first, token), { data: { me: { username: 'admin' } } }, 'the first API still answers');
      assert.equal(fs.readFileSync(path.join(env.DATA_DIR, 'lastmeter.pid'), 'utf8').trim(), String(first.child.pid), 'and still holds the lock');
      assert.deepEqual(await first.kill('SIGTERM'), { code: 0, signal: null }, first.output().slice(-1000));
    });
  }

  it('keeps the generated JWT secret in DATA_DIR: a token issued before a restart still verifies after it', async () => {
    const env = await environment();
    const before = await start(env);
    const token = (await before.gql(LOGIN, { p: DEMO_PASSWORD })).body.data.login.token as string;
    assert.equal(fs.statSync(path.join(env.DATA_DIR, 'jwt-secret')).mode & 0o777, 0o600, 'the secret is readable by its owner only');
    assert.deepEqual(await before.kill('SIGTERM'), { code: 0, signal: null }, before.output().slice(-1000));

    const after = await start(env);
    assert.deepEqual(await whoAmI(after, token), { data: { me: { username: 'admin' } } });
  });
});
