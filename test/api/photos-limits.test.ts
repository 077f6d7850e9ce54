/** Uploads count against the report rate limit per portal key and address (staff are not limited). */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/harness';
import { noisyJpeg } from '../support/images';
import { createPortalKey } from '../support/issues';
import { upload } from '../support/photo-client';

describe('upload rate limit', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { REPORT_RATE_LIMIT: '2' } });
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses a portal key over REPORT_RATE_LIMIT uploads a minute with 429 and Retry-After; staff go on', async () => {
    const admin = await t.login('admin');
    const portal = await createPortalKey(t, admin);
    const picture = await noisyJpeg(64, 64);
    assert.equal((await upload(t.url, picture, { portalKey: portal.key })).status, 201);
    assert.equal((await upload(t.url, picture, { portalKey: portal.key })).status, 201);
    const limited = await upload(t.url, picture, { portalKey: portal.key });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.errors[0].extensions.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    for (let i = 0; i < 3; i++) assert.equal((await upload(t.url, picture, { token: admin })).status, 201);
  });
});
