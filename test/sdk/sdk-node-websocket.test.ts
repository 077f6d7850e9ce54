/**
 * An integrator's first program on Node: `createClient({ url, portalKey })`, a
 * report, then `issueTracked` live — with no `webSocketImpl`. On Node 20 (no
 * global WebSocket) the SDK loads the `ws` package by itself; on Node 22 and 24
 * it takes the global one. This test takes the global away (if there is one) so
 * that it checks the Node 20 path on every Node.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createClient, type LastmeterClient } from '../../sdk/src/index.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../support/harness';

describe('the SDK on Node without a global WebSocket', () => {
  let t: TestServer;
  let portalKey: string;
  const global = globalThis as { WebSocket?: unknown };
  const saved = global.WebSocket;

  beforeAll(async () => {
    delete global.WebSocket;
    t = await startTestServer();
    const admin = createClient({ url: t.graphqlUrl });
    await admin.login({ username: 'admin', password: DEMO_PASSWORD });
    portalKey = (await admin.createPortalKey({ name: 'first program', allowedOrigins: [] })).key!;
    await admin.dispose();
  });
  afterAll(async () => {
    await t?.close();
    if (saved !== undefined) global.WebSocket = saved;
  });

  it('createClient({ url, portalKey }) reports, then follows the report live with issueTracked', async () => {
    assert.equal(typeof global.WebSocket, 'undefined');
    const lm: LastmeterClient = createClient({ url: t.graphqlUrl, portalKey });
    try {
      const grid = (await lm.gridAt({ latitude: 30.585, longitude: 114.305 }))!;
      const { trackingCode } = await lm.reportIssue({ input: { categoryCode: 'GARBAGE', description: 'Node 20 first program', gridId: grid.id } });
      const feed = lm.issueTracked({ trackingCode })[Symbol.asyncIterator]();
      const first = await Promise.race([
        feed.next(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no live snapshot within 10 s')), 10_000).unref()),
      ]);
      assert.equal(first.done, false);
      assert.equal(first.value.trackingCode, trackingCode);
      assert.equal(first.value.status, 'SUBMITTED');
      await feed.return!();
    } finally {
      await lm.dispose();
    }
  });
});
