/**
 * Staff tokens on a pinned clock: valid until their expiry and not a moment after, whether or not
 * they were verified (and remembered) before; forged, edited and foreign tokens never.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };
import { TokenService } from '../../api/src/modules/auth/token';
import { TestClock } from '../support/clock';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const T0 = '2026-06-01T08:00:00.000Z';
const claims = { sub: '7d0f3a52-0a53-4a5e-9a59-1c1f1f4b2f10', role: 'CADRE' };
/** What verify() answers for a token signed at T0: the claims and the expiry (ms). */
const verified = { ...claims, expiresAt: Date.parse(T0) + 300_000 };

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('TokenService', () => {
  it('signs with the configured lifetime from the clock\'s now', async () => {
    const clock = new TestClock(T0);
    const token = await new TokenService(SECRET, 300, { clock }).sign(claims);
    const payload = payloadOf(token);
    assert.equal(payload.iat, Date.parse(T0) / 1000);
    assert.equal(payload.exp, Date.parse(T0) / 1000 + 300);
    assert.equal(payload.iss, 'lastmeter');
    assert.equal(payload.sub, claims.sub);
    assert.equal(payload.role, claims.role);
    assert.deepEqual(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')), { alg: 'HS256', typ: 'JWT' });
  });

  it('accepts a token until its expiry and refuses it after, when it was never verified before', async () => {
    const clock = new TestClock(T0);
    const tokens = new TokenService(SECRET, 300, { clock });
    const token = await tokens.sign(claims);
    clock.advance(301_000);
    assert.equal(await tokens.verify(token), null);
  });

  it('refuses a remembered token once it expired (the cache checks the expiry too)', async () => {
    const clock = new TestClock(T0);
    const tokens = new TokenService(SECRET, 300, { clock });
    const token = await tokens.sign(claims);
    assert.deepEqual(await tokens.verify(token), verified);
    clock.advance(299_000);
    assert.deepEqual(await tokens.verify(token), verified, 'still valid a second before its expiry');
    clock.advance(2_000);
    assert.equal(await tokens.verify(token), null, 'expired, though remembered');
    assert.equal(await tokens.verify(token), null, 'and stays refused');
  });

  it('refuses a remembered token at the very millisecond of its expiry, as an unremembered one', async () => {
    const clock = new TestClock(T0);
    const tokens = new TokenService(SECRET, 300, { clock });
    const remembered = await tokens.sign(claims);
    assert.deepEqual(await tokens.verify(remembered), verified);
    clock.set(new Date(Date.parse(T0) + 300_000));
    assert.equal(await tokens.verify(remembered), null, 'remembered');
    assert.equal(await new TokenService(SECRET, 300, { clock }).verify(remembered), null, 'never seen before');
  });

  it('remembers a verified token until it expires (the README: verified tokens are cached), within its size bound', async () => {
    const clock = new TestClock(T0);
    const tokens = new TokenService(SECRET, 300, { clock, cacheSize: 2 });
    const token = await tokens.sign(claims);
    const first = await tokens.verify(token);
    assert.ok(first && (await tokens.verify(token)) === first, 'the second check answers what the first remembered');
    assert.equal(tokens.cachedCount, 1);
    const others = await Promise.all(['a', 'b'].map((sub) => tokens.sign({ ...claims, sub })));
    for (const other of others) await tokens.verify(other);
    assert.equal(tokens.cachedCount, 2, 'never more than cacheSize remembered');
    assert.ok((await tokens.verify(token)) !== first, 'the least recent was forgotten, so checked again');
    clock.advance(301_000);
    assert.equal(await tokens.verify(token), null);
    assert.equal(tokens.cachedCount, 1, 'an expired token is forgotten once looked up');
  });

  it('refuses a token signed with another secret, edited, or garbage', async () => {
    const clock = new TestClock(T0);
    const tokens = new TokenService(SECRET, 300, { clock });
    const forged = await new TokenService('another-secret-another-secret-0123456789', 300, { clock }).sign(claims);
    assert.equal(await tokens.verify(forged), null);
    const [header, , signature] = (await tokens.sign(claims)).split('.');
    const body = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN', iss: 'lastmeter', exp: Date.parse(T0) / 1000 + 300 })).toString('base64url');
    assert.equal(await tokens.verify(`${header}.${body}.${signature}`), null);
    assert.equal(await tokens.verify('not.a.token'), null);
    assert.equal(await tokens.verify(''), null);
  });

  it('refuses a genuine signature whose claims lack a role or a subject', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SignJWT } = require('jose') as typeof JoseModule;
    const key = new TextEncoder().encode(SECRET);
    const iat = Date.parse(T0) / 1000;
    const tokens = new TokenService(SECRET, 300, { clock: new TestClock(T0) });
    const noRole = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuer('lastmeter').setIssuedAt(iat).setExpirationTime(iat + 60).sign(key);
    assert.equal(await tokens.verify(noRole), null);
    const noSubject = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('lastmeter').setIssuedAt(iat).setExpirationTime(iat + 60).sign(key);
    assert.equal(await tokens.verify(noSubject), null);
    const noExpiry = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuer('lastmeter').setIssuedAt(iat).sign(key);
    assert.equal(await tokens.verify(noExpiry), null);
    const otherIssuer = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuer('x').setIssuedAt(iat).setExpirationTime(iat + 60).sign(key);
    assert.equal(await tokens.verify(otherIssuer), null);
    const hs512 = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS512' }).setSubject(claims.sub).setIssuer('lastmeter').setIssuedAt(iat).setExpirationTime(iat + 60).sign(key);
    assert.equal(await tokens.verify(hs512), null);
  });
});
