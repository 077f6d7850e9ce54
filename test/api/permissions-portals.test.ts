/**
 * Portal keys, origins, CORS and the reportIssue rate limits.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, errorCode, startTestServer, type TestServer } from '../support/harness';

const PORTAL_A = 'https://portal-a.example.gov.cn';
const PORTAL_B = 'https://portal-b.example.gov.cn';
const FOREIGN = 'https://evil.example.com';

const REPORT = 'mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }';

describe('portal keys and origins', () => {
  let t: TestServer;
  let admin: string;
  let keyA: string;
  let keyB: string;
  let gridId: string;
  let n = 0;
  const report = (options: Parameters<TestServer['gql']>[2], idempotencyKey = `portal-test-${++n}`) =>
    t.gql(REPORT, { input: { categoryCode: 'GARBAGE', description: '垃圾桶满了', gridId, idempotencyKey } }, options);

  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
    const create = async (name: string, origin: string) =>
      dataOf(await t.gql('mutation($n: String!, $o: [String!]!) { createPortalKey(name: $n, allowedOrigins: $o) { key allowedOrigins } }', { n: name, o: [origin] }, { token: admin })).createPortalKey;
    keyA = (await create('门户甲', PORTAL_A)).key;
    keyB = (await create('门户乙', `${PORTAL_B}/`)).key; // normalised to the bare origin
    gridId = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  });
  afterAll(() => t?.close());

  it('shows a key once and stores only its hash', async () => {
    const conn = t.server.services.db.orm.em.fork().getConnection();
    const rows = await conn.execute<Record<string, unknown>[]>('select * from portal_key');
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(keyA) && !stored.includes(keyB), 'no plain key in the table');
    assert.ok(rows.every((r: Record<string, unknown>) => /^[0-9a-f]{64}$/.test(String(r.key_hash))));
  });

  it('accepts a valid key from an allowed origin, and from a server that sends no Origin', async () => {
    assert.ok(dataOf(await report({ portalKey: keyA, origin: PORTAL_A })).reportIssue.trackingCode);
    assert.ok(dataOf(await report({ portalKey: keyB, origin: PORTAL_B })).reportIssue.trackingCode);
    assert.ok(dataOf(await report({ portalKey: keyA })).reportIssue.trackingCode);
  });

  it('refuses made-up keys with FORBIDDEN (HTTP 403), on any operation', async () => {
    for (const key of ['lmk_madeUpmadeUpmadeUpmadeUpmadeUpmadeUp', 'made-up', `${keyA}x`]) {
      for (const res of [await report({ portalKey: key }), await t.gql('{ categories { code } }', {}, { portalKey: key })]) {
        assert.equal(res.status, 403, key);
        assert.equal(errorCode(res), 'FORBIDDEN', key);
      }
    }
  });

  it("refuses a valid key from another portal's origin with FORBIDDEN (HTTP 403)", async () => {
    const res = await report({ portalKey: keyA, origin: PORTAL_B });
    assert.equal(res.status, 403);
    assert.equal(errorCode(res), 'FORBIDDEN');
    assert.match(res.errors![0].message, /not allowed from origin/);
  });

  it('refuses any request from an origin no key allows, before it reaches GraphQL', async () => {
    for (const res of [await report({ portalKey: keyA, origin: FOREIGN }), await t.gql('{ categories { code } }', {}, { origin: FOREIGN }), await t.gql('{ categories { code } }', {}, { origin: 'null' })]) {
      assert.equal(res.status, 403);
      assert.equal(errorCode(res), 'FORBIDDEN');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
  });

  it('lets the server\'s own page report without a key, and nobody else without key or token', async () => {
    assert.ok(dataOf(await report({ origin: t.url })).reportIssue.trackingCode, 'own origin (the demo portal)');
    const bare = await report({});
    assert.equal(errorCode(bare), 'FORBIDDEN');
    assert.ok(dataOf(await report({ token: await t.login('worker.lin') })).reportIssue.trackingCode, 'staff token');
  });

  it('lets anyone track by code without a key', async () => {
    const code = dataOf(await report({ portalKey: keyA })).reportIssue.trackingCode;
    assert.equal(dataOf(await t.gql('query($c: String!) { trackIssue(trackingCode: $c) { status } }', { c: code })).trackIssue.status, 'SUBMITTED');
  });

  describe('CORS on /graphql', () => {
    const preflight = (origin: string, requestHeaders = 'content-type, x-portal-key') =>
      fetch(t.graphqlUrl, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
      });

    it('answers the preflight of an allowed origin with the methods and headers it may use', async () => {
      const res = await preflight(PORTAL_A);
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), PORTAL_A);
      assert.match(res.headers.get('vary') ?? '', /Origin/i);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
      for (const header of ['content-type', 'authorization', 'x-portal-key', 'apollo-require-preflight', 'x-request-id']) {
        assert.ok(allowed.includes(header), header);
      }
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.equal(res.headers.get('access-control-allow-credentials'), null, 'no cookies: tokens travel in headers');
    });

    it('refuses the preflight of a foreign origin without any CORS header', async () => {
      const res = await preflight(FOREIGN);
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(res.headers.get('access-control-allow-headers'), null);
    });

    it('names the allowed origin on the actual response, and nothing for callers without an Origin', async () => {
      const fromPortal = await t.gql('{ categories { code } }', {}, { origin: PORTAL_B });
      assert.equal(fromPortal.headers.get('access-control-allow-origin'), PORTAL_B);
      const fromServer = await t.gql('{ categories { code } }');
      assert.equal(fromServer.headers.get('access-control-allow-origin'), null);
      const own = await t.gql('{ categories { code } }', {}, { origin: t.url });
      assert.equal(own.headers.get('access-control-allow-origin'), t.url);
    });

    it('allows the origins of a new key at once', async () => {
      const origin = 'https://new-portal.example.gov.cn';
      assert.equal((await preflight(origin)).status, 403);
      dataOf(await t.gql('mutation($o: [String!]!) { createPortalKey(name: "新门户", allowedOrigins: $o) { id } }', { o: [origin] }, { token: admin }));
      const res = await preflight(origin);
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
    });
  });
});

describe('reportIssue rate limits (REPORT_RATE_LIMIT=3, REPORT_KEY_RATE_LIMIT=3, TRUST_PROXY on)', () => {
  let t: TestServer;
  let key: string;
  let otherKey: string;
  let gridId: string;
  let n = 0;
  const report = (address: string, options: Parameters<TestServer['gql']>[2] = {}, idempotencyKey = `limit-${++n}`) =>
    t.gql(REPORT, { input: { categoryCode: 'GARBAGE', description: '垃圾桶满了', gridId, idempotencyKey } }, {
      ...options,
      headers: { 'x-forwarded-for': address, ...options?.headers },
    });

  beforeAll(async () => {
    t = await startTestServer({ env: { REPORT_RATE_LIMIT: '3', REPORT_KEY_RATE_LIMIT: '3', TRUST_PROXY: '1' } });
    const admin = await t.login('admin');
    const create = async (name: string) =>
      dataOf(await t.gql('mutation($n: String!) { createPortalKey(name: $n, allowedOrigins: ["https://limits.example.gov.cn"]) { key } }', { n: name }, { token: admin })).createPortalKey.key;
    key = await create('限流甲');
    otherKey = await create('限流乙');
    gridId = dataOf(await t.gql('{ gridAt(latitude: 30.585, longitude: 114.305) { id } }')).gridAt.id;
  });
  afterAll(() => t?.close());

  it('limits one portal key, whatever addresses its reports come from', async () => {
    for (let i = 1; i <= 3; i++) dataOf(await report(`198.51.100.${i}`, { portalKey: key }));
    const refused = await report('198.51.100.4', { portalKey: key });
    assert.equal(errorCode(refused), 'RATE_LIMITED');
    const retryAfter = refused.errors![0].extensions!.retryAfterSeconds;
    assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, `retryAfterSeconds ${retryAfter}`);
    // Another key from a fresh address is unaffected.
    dataOf(await report('198.51.100.5', { portalKey: otherKey }));
  });

  it('limits one client address, whatever keys it uses; a spoofed X-Forwarded-For prefix changes nothing', async () => {
    dataOf(await report('203.0.113.1', { portalKey: otherKey }));
    dataOf(await report('203.0.113.1', { origin: t.url }));
    dataOf(await report('10.0.0.1, 203.0.113.1', { origin: t.url }));
    assert.equal(errorCode(await report('10.0.0.2, 203.0.113.1', { origin: t.url })), 'RATE_LIMITED');
    assert.equal(errorCode(await report('203.0.113.1', { portalKey: otherKey })), 'RATE_LIMITED');
  });

  it('still answers a retry of a stored report when over the limit (same key, same issue), but nothing new', async () => {
    const first = dataOf(await report('192.0.2.50', { origin: t.url }, 'retry-me')).reportIssue.trackingCode;
    dataOf(await report('192.0.2.50', { origin: t.url }));
    dataOf(await report('192.0.2.50', { origin: t.url }));
    assert.equal(errorCode(await report('192.0.2.50', { origin: t.url })), 'RATE_LIMITED');
    const retried = await report('192.0.2.50', { origin: t.url }, 'retry-me');
    assert.equal(dataOf(retried).reportIssue.trackingCode, first);
  });

  it('does not limit signed-in staff', async () => {
    const token = await t.login('worker.lin');
    for (let i = 0; i < 5; i++) dataOf(await report('192.0.2.99', { token }));
  });
});
