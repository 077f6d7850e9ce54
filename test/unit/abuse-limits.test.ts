/**
 * The pure parts of abuse resistance, on a fake clock: the portal-origin cache
 * behind CORS, the sign-in guard, the report limits, and which address and
 * host a request counts as.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import type { Request } from 'express';
import { LoginGuard } from '../../api/src/modules/auth/login-guard';
import { ReportRateLimits, isOwnOrigin } from '../../api/src/modules/portals/report-access';
import { PortalOriginCache } from '../../api/src/server/cors';
import { clientAddress, requestHost } from '../../api/src/server/request-identity';
import { RateLimiter } from '../../api/src/server/rate-limiter';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('PortalOriginCache', () => {
  function cacheWith(origins: string[][]) {
    const time = clock();
    let loads = 0;
    const cache = new PortalOriginCache(
      async () => origins[Math.min(loads++, origins.length - 1)],
      30_000,
      2_000,
      time.now,
    );
    return { cache, time, loads: () => loads };
  }

  it('loads once, then answers known origins from memory until the TTL passes', async () => {
    const { cache, time, loads } = cacheWith([['https://a.example'], ['https://b.example']]);
    assert.equal(await cache.has('https://a.example'), true);
    time.advance(29_000);
    assert.equal(await cache.has('https://a.example'), true);
    assert.equal(loads(), 1);
    time.advance(2_000);
    assert.equal(await cache.has('https://b.example'), true, 'reloaded after the TTL');
    assert.equal(await cache.has('https://a.example'), false, 'a removed origin is gone after reload');
  });

  it('reloads for an unknown origin at most once per miss interval', async () => {
    const { cache, time, loads } = cacheWith([[], [], ['https://late.example']]);
    assert.equal(await cache.has('https://late.example'), false);
    assert.equal(await cache.has('https://late.example'), false);
    assert.equal(await cache.has('https://evil.example'), false);
    assert.equal(loads(), 1, 'misses right after a load do not reload');
    time.advance(2_001);
    assert.equal(await cache.has('https://late.example'), false);
    assert.equal(loads(), 2);
    time.advance(2_001);
    assert.equal(await cache.has('https://late.example'), true);
  });

  it('reloads at once after invalidate, and concurrent callers share one load', async () => {
    const { cache, loads } = cacheWith([['https://a.example'], ['https://a.example', 'https://new.example']]);
    await cache.has('https://a.example');
    cache.invalidate();
    const answers = await Promise.all([cache.has('https://new.example'), cache.has('https://new.example'), cache.has('https://a.example')]);
    assert.deepEqual(answers, [true, true, true]);
    assert.equal(loads(), 2);
  });
});

describe('LoginGuard', () => {
  const ctx = (address: string) => ({ clientAddress: address });
  const fail = () => Promise.reject(new Error('wrong password'));
  const succeed = () => Promise.resolve('token');

  it('refuses a username after ten failures until the window ends', async () => {
    const time = clock();
    const guard = new LoginGuard(10, 15 * 60_000, time.now);
    for (let i = 0; i < 10; i++) await assert.rejects(guard.run(ctx(`10.0.0.${i}`), 'Alice', fail), /wrong password/);
    await assert.rejects(guard.run(ctx('10.0.1.1'), 'alice', succeed), (e: any) => e.extensions.code === 'RATE_LIMITED' && e.extensions.retryAfterSeconds === 900);
    time.advance(15 * 60_000);
    assert.equal(await guard.run(ctx('10.0.1.1'), 'alice', succeed), 'token');
  });

  it('refuses an address after thirty failures, but does not count successful sign-ins against it', async () => {
    const guard = new LoginGuard(10, 15 * 60_000, clock().now);
    for (let i = 0; i < 100; i++) await guard.run(ctx('192.0.2.1'), `staff.${i}`, succeed); // an office behind one address
    for (let i = 0; i < 30; i++) await assert.rejects(guard.run(ctx('192.0.2.1'), `guess.${i}`, fail), /wrong password/);
    await assert.rejects(guard.run(ctx('192.0.2.1'), 'staff.0', succeed), (e: any) => e.extensions.code === 'RATE_LIMITED');
    assert.equal(await guard.run(ctx('192.0.2.2'), 'staff.0', succeed), 'token');
  });

  it('a success clears the failures of that username', async () => {
    const guard = new LoginGuard(3, 60_000, clock().now);
    for (let i = 0; i < 2; i++) await assert.rejects(guard.run(ctx('a'), 'bob', fail));
    await guard.run(ctx('a'), 'bob', succeed);
    for (let i = 0; i < 3; i++) await assert.rejects(guard.run(ctx('a'), 'bob', fail), /wrong password/);
    await assert.rejects(guard.run(ctx('a'), 'bob', succeed), (e: any) => e.extensions.code === 'RATE_LIMITED');
  });
});

describe('RateLimiter and ReportRateLimits', () => {
  it('allows the limit per window, tells how long to wait, and undoes a hit', () => {
    const time = clock();
    const limiter = new RateLimiter(2, 60_000, time.now);
    assert.equal(limiter.hit('k'), 0);
    assert.equal(limiter.hit('k'), 0);
    time.advance(15_000);
    assert.equal(limiter.hit('k'), 45);
    limiter.undo('k');
    limiter.undo('k');
    assert.equal(limiter.hit('k'), 0);
    time.advance(45_000);
    assert.equal(limiter.hit('k'), 0);
  });

  it('keeps separate counters per address and per portal key, one minute each', () => {
    const limits = new ReportRateLimits(60, clock().now);
    for (let i = 0; i < 60; i++) assert.equal(limits.byAddress.hit('198.51.100.1'), 0);
    assert.ok(limits.byAddress.hit('198.51.100.1') > 0);
    assert.equal(limits.byPortal.hit('198.51.100.1'), 0);
  });
});

describe('who a request comes from', () => {
  const request = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    ({ headers, socket: { remoteAddress } }) as unknown as Request;

  it('ignores X-Forwarded-For unless TRUST_PROXY, and then takes only the entry our proxy appended', () => {
    const req = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }, '10.0.0.1');
    assert.equal(clientAddress(req, false), '10.0.0.1');
    assert.equal(clientAddress(req, true), '203.0.113.7');
    assert.equal(clientAddress(request({}, '10.0.0.1'), true), '10.0.0.1');
  });

  it('reads the host from X-Forwarded-Host only behind a trusted proxy', () => {
    const req = request({ host: 'api.internal:4000', 'x-forwarded-host': 'gov.example.cn' });
    assert.equal(requestHost(req, false), 'api.internal:4000');
    assert.equal(requestHost(req, true), 'gov.example.cn');
  });

  it("recognises the server's own origin by the host the request was sent to", () => {
    assert.equal(isOwnOrigin('http://127.0.0.1:4000', '127.0.0.1:4000'), true);
    assert.equal(isOwnOrigin('https://gov.example.cn', 'gov.example.cn'), true);
    assert.equal(isOwnOrigin('https://evil.example', 'gov.example.cn'), false);
    assert.equal(isOwnOrigin('null', 'gov.example.cn'), false);
    assert.equal(isOwnOrigin(null, 'gov.example.cn'), false);
  });
});
