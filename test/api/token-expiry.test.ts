/**
 * Staff tokens expire after JWT_TTL_SECONDS on the server's clock (pinned here), even when the
 * server verified and remembered them before; and a token used before its account was deleted is
 * refused after.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';
import { TestClock } from '../support/clock';

const TTL_SECONDS = 120;

describe('staff tokens on the server\'s clock', () => {
  let t: TestServer;
  const clock = new TestClock('2026-06-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestServer({ clock, env: { JWT_TTL_SECONDS: String(TTL_SECONDS) } });
  });
  afterAll(() => t?.close());

  const me = (token: string) => t.gql<any>('{ me { username } }', {}, { token });

  it('signs tokens for JWT_TTL_SECONDS and refuses them once that has passed, though used before', async () => {
    clock.set('2026-06-01T08:00:00.000Z');
    const token = await t.login('worker.lin');
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    assert.equal(payload.exp - payload.iat, TTL_SECONDS, 'the lifetime is JWT_TTL_SECONDS');
    assert.equal(payload.iat, Date.parse('2026-06-01T08:00:00.000Z') / 1000, 'issued on the server\'s clock');

    assert.equal(dataOf(await me(token)).me.username, 'worker.lin');
    clock.advance((TTL_SECONDS - 1) * 1000);
    assert.equal(dataOf(await me(token)).me.username, 'worker.lin', 'a second before its expiry');
    clock.advance(2000);
    const refused = await me(token);
    assert.equal(refused.status, 401);
    assert.equal(errorCode(refused), 'UNAUTHENTICATED');
  });

  it('refuses the token of an account deleted after the token was used', async () => {
    clock.set('2026-06-01T09:00:00.000Z');
    const admin = await t.login('admin');
    dataOf(await t.gql('mutation { createUser(input: { username: "temp.admin", password: "temporary-pass", displayName: "临时", role: ADMIN }) { id } }', {}, { token: admin }));
    const token = await t.login('temp.admin', 'temporary-pass');
    assert.equal(dataOf(await me(token)).me.username, 'temp.admin', 'used (and remembered) first');
    await t.server.services.db.orm.em.fork().getConnection().execute("delete from app_user where username = 'temp.admin'");
    const refused = await me(token);
    assert.equal(refused.status, 401);
    assert.equal(errorCode(refused), 'UNAUTHENTICATED');
  });
});
