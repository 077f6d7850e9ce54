/**
 * Staff identity: tokens that are forged, edited, unsigned (alg: none),
 * signed with another algorithm or expired are UNAUTHENTICATED; repeated
 * failed sign-ins are refused per username and per address; `me`.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

const b64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWS, signed by hand the way an attacker would build one. */
function craftToken(header: object, payload: object, secret: string | null, algorithm = 'sha256'): string {
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const signature = secret === null ? '' : createHmac(algorithm, secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('staff identity: tokens', () => {
  let t: TestServer;
  let workerToken: string;
  let adminId: string;
  let secret: string;
  beforeAll(async () => {
    t = await startTestServer();
    secret = t.config.jwtSecret!;
    workerToken = await t.login('worker.lin');
    adminId = dataOf(await t.gql('{ me { id } }', {}, { token: await t.login('admin') })).me.id;
  });
  afterAll(() => t?.close());

  /** The token must be refused, on a staff query and even on a public one, with HTTP 401. */
  async function assertRefused(token: string, why: string) {
    for (const query of ['{ me { username role } }', '{ categories { code } }']) {
      const res = await t.gql(query, {}, { token });
      assert.equal(res.status, 401, `${why}: HTTP status`);
      assert.equal(errorCode(res), 'UNAUTHENTICATED', why);
      assert.equal(res.data ?? null, null, `${why}: no data`);
      assert.ok(!JSON.stringify(res.errors).includes(token), `${why}: the token is not echoed`);
    }
  }

  it('accepts a genuine token, whose claims carry an expiry', async () => {
    assert.deepEqual(dataOf(await t.gql('{ me { username role } }', {}, { token: workerToken })).me, { username: 'worker.lin', role: 'GRID_WORKER' });
    const claims = decodePayload(workerToken);
    assert.equal(typeof claims.exp, 'number');
    assert.ok((claims.exp as number) > Date.now() / 1000);
  });

  it('refuses a token signed with another secret (forged)', async () => {
    const claims = { ...decodePayload(workerToken), sub: adminId, role: 'ADMIN' };
    await assertRefused(craftToken({ alg: 'HS256', typ: 'JWT' }, claims, 'not-the-server-secret-not-the-server-secret'), 'forged');
  });

  it('refuses a genuine token whose payload was edited (the signature no longer matches)', async () => {
    const [header, , signature] = workerToken.split('.');
    const edited = `${header}.${b64url({ ...decodePayload(workerToken), sub: adminId, role: 'ADMIN' })}.${signature}`;
    await assertRefused(edited, 'edited');
  });

  it('refuses an unsigned token (alg: none), with or without a signature part', async () => {
    const claims = { ...decodePayload(workerToken), sub: adminId, role: 'ADMIN' };
    const unsigned = craftToken({ alg: 'none', typ: 'JWT' }, claims, null);
    await assertRefused(unsigned, 'alg none');
    await assertRefused(unsigned.slice(0, -1), 'alg none without the trailing dot');
  });

  it('refuses a token signed with the right secret but another algorithm (HS512)', async () => {
    await assertRefused(craftToken({ alg: 'HS512', typ: 'JWT' }, decodePayload(workerToken), secret, 'sha512'), 'HS512');
  });

  it('refuses an expired token even when correctly signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = craftToken({ alg: 'HS256', typ: 'JWT' }, { ...decodePayload(workerToken), iat: now - 7200, exp: now - 60 }, secret);
    await assertRefused(expired, 'expired');
    // The same claims with a future expiry are fine: it is the expiry that refuses it.
    const fresh = craftToken({ alg: 'HS256', typ: 'JWT' }, { ...decodePayload(workerToken), iat: now, exp: now + 600 }, secret);
    assert.equal(dataOf(await t.gql('{ me { username } }', {}, { token: fresh })).me.username, 'worker.lin');
  });

  it('refuses a token of another issuer, garbage, and a malformed Authorization header', async () => {
    await assertRefused(craftToken({ alg: 'HS256', typ: 'JWT' }, { ...decodePayload(workerToken), iss: 'someone-else' }, secret), 'issuer');
    await assertRefused('not.a.token', 'garbage');
    const basic = await t.gql('{ me { username } }', {}, { headers: { authorization: 'Basic YWRtaW46eA==' } });
    assert.equal(basic.status, 401);
    assert.equal(errorCode(basic), 'UNAUTHENTICATED');
  });

  it('refuses the token of an account that no longer exists', async () => {
    const admin = await t.login('admin');
    dataOf(await t.gql('mutation { createUser(input: { username: "temp.worker", password: "temporary-pass", displayName: "临时", role: ADMIN }) { id } }', {}, { token: admin }));
    const token = await t.login('temp.worker', 'temporary-pass');
    await t.server.services.db.orm.em.fork().getConnection().execute("delete from app_user where username = 'temp.worker'");
    await assertRefused(token, 'deleted account');
  });

  it('answers me with the account, its cadre or grid worker, and null without a token', async () => {
    const cadre = dataOf(await t.gql('{ me { username role cadre { name level } gridWorker { name } } }', {}, { token: await t.login('cadre.zheng') })).me;
    assert.deepEqual(cadre, { username: 'cadre.zheng', role: 'CADRE', cadre: { name: '郑大勇', level: 'VILLAGE' }, gridWorker: null });
    const worker = dataOf(await t.gql('{ me { gridWorker { name grid { code } } } }', {}, { token: workerToken })).me;
    assert.deepEqual(worker.gridWorker, { name: '林小红', grid: { code: 'JC-DH-GH-07' } });
    assert.equal(dataOf(await t.gql('{ me { username } }')).me, null);
  });
});

describe('staff identity: failed sign-ins (TRUST_PROXY on, so each test may speak from its own address)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { TRUST_PROXY: '1' } });
  });
  afterAll(() => t?.close());

  const login = (username: string, password: string, address: string) =>
    t.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password }, {
      headers: { 'x-forwarded-for': address },
    });

  it('refuses a username from one address after ten failures, even with the right password; elsewhere it still signs in', async () => {
    const failures = await Promise.all(Array.from({ length: 10 }, (_, i) => login('worker.gao', `wrong-${i}`, '198.51.100.1')));
    assert.deepEqual(failures.map(errorCode), Array(10).fill('UNAUTHENTICATED'));
    const blocked = await login('worker.gao', 'lastmeter-demo', '198.51.100.1');
    assert.equal(errorCode(blocked), 'RATE_LIMITED');
    const retryAfter = blocked.errors![0].extensions!.retryAfterSeconds;
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `retryAfterSeconds ${retryAfter}`);
    // Nobody can lock the account out for others: from another address it signs in; other accounts are unaffected.
    assert.ok(dataOf(await login('worker.gao', 'lastmeter-demo', '198.51.100.2')).login.token);
    assert.ok(dataOf(await login('worker.lin', 'lastmeter-demo', '198.51.100.1')).login.token);
  });

  it('refuses an address after thirty failures across usernames; other addresses still sign in', async () => {
    const failures = await Promise.all(Array.from({ length: 30 }, (_, i) => login(`guess.${i}`, 'wrong-password', '203.0.113.9')));
    assert.deepEqual(failures.map(errorCode), Array(30).fill('UNAUTHENTICATED'));
    assert.equal(errorCode(await login('admin', 'lastmeter-demo', '203.0.113.9')), 'RATE_LIMITED');
    // A forged X-Forwarded-For prefix does not help: only the entry our proxy appended counts.
    assert.equal(errorCode(await login('admin', 'lastmeter-demo', '10.9.9.9, 203.0.113.9')), 'RATE_LIMITED');
    assert.ok(dataOf(await login('admin', 'lastmeter-demo', '203.0.113.10')).login.token);
  });

  it('counts a burst of concurrent guesses before checking them, so at most ten get through', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => login('cadre.sun', `burst-${i}`, '192.0.2.1')));
    const codes = results.map(errorCode);
    assert.equal(codes.filter((c) => c === 'UNAUTHENTICATED').length, 10, 'ten passwords were actually checked');
    assert.equal(codes.filter((c) => c === 'RATE_LIMITED').length, 15);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await login('cadre.chen', 'not-the-password', '198.51.100.77');
    const unknown = await login('nobody.here', 'not-the-password', '198.51.100.77');
    assert.equal(errorCode(wrong), 'UNAUTHENTICATED');
    assert.equal(wrong.errors![0].message, unknown.errors![0].message);
  });
});
