/**
 * The pure parts of abuse resistance, on a fake clock: the portal-origin cache
 * behind CORS, the sign-in guard, the report limits, and which address and
 * host a request counts as.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig, type TrustProxy } from '../../api/src/config';
import { LoginGuard } from '../../api/src/modules/auth/login-guard';
import { ReportRateLimits } from '../../api/src/modules/portals/report-access';
import { useTrustProxy } from '../../api/src/server/client-address';
import { PortalOriginCache } from '../../api/src/server/cors';
import { createLogger } from '../../api/src/server/logger';
import { RateLimitStore } from '../../api/src/server/rate-limits';

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

describe('LoginGuard (rate-limiter-flexible, in memory)', () => {
  const ctx = (address: string) => ({ clientAddress: address });
  const fail = () => Promise.reject(new Error('wrong password'));
  const succeed = () => Promise.resolve('token');
  const store = () => new RateLimitStore({ prefix: 'test:', logger: createLogger('silent') });
  const isRateLimited = (seconds?: number) => (e: any) =>
    e.extensions.code === 'RATE_LIMITED' && (seconds === undefined || e.extensions.retryAfterSeconds === seconds);

  it('refuses a username from one address after ten failures until the window ends, and not from elsewhere', async () => {
    const guard = new LoginGuard(store(), { failuresPerAccount: 10, failuresPerAddress: 30, windowSeconds: 1 });
    for (let i = 0; i < 10; i++) await assert.rejects(guard.run(ctx('10.0.0.1'), 'Alice', fail), /wrong password/);
    await assert.rejects(guard.run(ctx('10.0.0.1'), 'alice', succeed), isRateLimited(1));
    assert.equal(await guard.run(ctx('10.0.1.1'), 'alice', succeed), 'token', 'the same account from another address');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal(await guard.run(ctx('10.0.0.1'), 'alice', succeed), 'token', 'after the window');
  });

  it('refuses an address after thirty failures, but does not count successful sign-ins against it', async () => {
    const guard = new LoginGuard(store(), { failuresPerAccount: 10, failuresPerAddress: 30 });
    for (let i = 0; i < 100; i++) await guard.run(ctx('192.0.2.1'), `staff.${i}`, succeed); // an office behind one address
    for (let i = 0; i < 30; i++) await assert.rejects(guard.run(ctx('192.0.2.1'), `guess.${i}`, fail), /wrong password/);
    await assert.rejects(guard.run(ctx('192.0.2.1'), 'staff.0', succeed), isRateLimited(15 * 60));
    assert.equal(await guard.run(ctx('192.0.2.2'), 'staff.0', succeed), 'token');
  });

  it("does not count a blocked address's refused attempts against the usernames it names", async () => {
    const guard = new LoginGuard(store(), { failuresPerAccount: 10, failuresPerAddress: 30 });
    for (let i = 0; i < 30; i++) await assert.rejects(guard.run(ctx('127.0.0.21'), `guess.${i}`, fail), /wrong password/);
    for (let i = 0; i < 11; i++) await assert.rejects(guard.run(ctx('127.0.0.21'), 'victim', fail), isRateLimited());
    assert.equal(await guard.run(ctx('127.0.0.22'), 'victim', succeed), 'token');
  });

  it('a success clears the failures of that username at that address', async () => {
    const guard = new LoginGuard(store(), { failuresPerAccount: 3, failuresPerAddress: 30 });
    for (let i = 0; i < 2; i++) await assert.rejects(guard.run(ctx('a'), 'bob', fail));
    await guard.run(ctx('a'), 'bob', succeed);
    for (let i = 0; i < 3; i++) await assert.rejects(guard.run(ctx('a'), 'bob', fail), /wrong password/);
    await assert.rejects(guard.run(ctx('a'), 'bob', succeed), isRateLimited());
  });
});

describe('Limit and ReportRateLimits', () => {
  it('allows the limit per window, tells how long to wait, and takes back a refunded hit', async () => {
    const limit = new RateLimitStore({ prefix: 'test:', logger: createLogger('silent') }).limit({ name: 'unit', points: 2, windowSeconds: 60 });
    assert.equal(await limit.consume('k'), 0);
    assert.equal(await limit.consume('k'), 0);
    const wait = await limit.consume('k');
    assert.ok(wait > 55 && wait <= 60, `wait ${wait}`);
    assert.equal(await limit.blockedFor('k'), wait);
    await limit.refund('k', 2);
    assert.equal(await limit.consume('k'), 0);
    await limit.reset('k');
    assert.equal(await limit.blockedFor('k'), 0);
  });

  it('keeps separate counters per address and per portal key, one minute each', async () => {
    const limits = new ReportRateLimits(new RateLimitStore({ prefix: 'test:', logger: createLogger('silent') }), 60, 600);
    for (let i = 0; i < 60; i++) assert.equal(await limits.byAddress.consume('198.51.100.1'), 0);
    assert.ok((await limits.byAddress.consume('198.51.100.1')) > 0);
    assert.equal(await limits.byPortal.consume('198.51.100.1'), 0);
  });
});

describe('who a request comes from (Express trust proxy, one answer for HTTP and WebSocket)', () => {
  const request = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    ({ headers, socket: { remoteAddress }, connection: { remoteAddress } }) as unknown as IncomingMessage;
  const addressOf = (setting: TrustProxy) => useTrustProxy(express(), setting);

  it('ignores X-Forwarded-For unless TRUST_PROXY, and then takes only the entries of trusted proxies', () => {
    const req = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }, '10.0.0.1');
    assert.equal(addressOf(false)(req), '10.0.0.1');
    assert.equal(addressOf(1)(req), '203.0.113.7', 'one proxy: the entry it appended');
    assert.equal(addressOf(2)(req), '6.6.6.6', 'two proxies');
    assert.equal(addressOf(['10.0.0.0/8'])(req), '203.0.113.7', 'by subnet');
    assert.equal(addressOf(['192.168.0.0/16'])(req), '10.0.0.1', 'a peer that is not a trusted proxy');
    assert.equal(addressOf(1)(request({}, '10.0.0.1')), '10.0.0.1');
  });

  it('agrees with Express req.ip', async () => {
    const app = express();
    const addressOfReq = useTrustProxy(app, 1);
    app.get('/', (req, res) => res.json({ ip: req.ip, ours: addressOfReq(req) }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' } });
      assert.deepEqual(await res.json(), { ip: '203.0.113.7', ours: '203.0.113.7' });
    } finally {
      server.close();
    }
  });

  it('reads TRUST_PROXY as off, on (one proxy), a hop count or addresses, and refuses nonsense', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.equal(loadConfig({ TRUST_PROXY: 'on' }).trustProxy, 1);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy, ['loopback', '10.0.0.0/8']);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'not-an-address' }), /TRUST_PROXY/);
  });
});
