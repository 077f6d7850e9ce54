/** uploadPhoto from Node (a Buffer) and as a browser would send it (a Blob), with the SDK's usual errors; then attach and read back typed. */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createClient, isLastmeterError, type LastmeterClient } from '../../sdk/src/index.js';
import { startTestServer, type TestServer } from '../support/harness';
import { GPS, jpegWithGps, noisyJpeg } from '../support/images';
import { createPortalKey, demoIds } from '../support/issues';

describe('SDK uploadPhoto', () => {
  let t: TestServer;
  let resident: LastmeterClient;
  let staff: LastmeterClient;
  let gridId: string;

  beforeAll(async () => {
    t = await startTestServer();
    const admin = await t.login('admin');
    const portal = await createPortalKey(t, admin);
    gridId = (await demoIds(t)).grids['JC-DH-GH-07']!.id;
    resident = createClient({ url: t.graphqlUrl, portalKey: portal.key, retry: false });
    staff = createClient({ url: t.graphqlUrl, token: await t.login('worker.lin'), retry: false });
  }, 120_000);
  afterAll(async () => {
    await resident?.dispose();
    await staff?.dispose();
    await t?.close();
  });

  it('uploads a Buffer and a Blob, and the report carries the photo', async () => {
    const fromBuffer = await resident.uploadPhoto(await jpegWithGps());
    assert.equal(fromBuffer.width, 400);
    assert.deepEqual(fromBuffer.suggestedLocation, GPS);
    const fromBlob = await resident.uploadPhoto(new Blob([new Uint8Array(await noisyJpeg(500, 300))], { type: 'image/jpeg' }));
    assert.equal(fromBlob.width, 500);
    const { trackingCode } = await resident.reportIssue({
      input: { categoryCode: 'GARBAGE', description: '垃圾桶满了', gridId, photoIds: [fromBuffer.id, fromBlob.id] },
    });
    const page = await staff.issues({ filter: { search: trackingCode } });
    const issue = await staff.issue({ id: page.edges[0]!.node.id });
    assert.deepEqual(issue?.photos.map((p) => p.stage), ['REPORT', 'REPORT']);
    assert.match(issue!.photos[0]!.thumbnailUrl, /^http/);
  });

  it('fails with a LastmeterError carrying the server code', async () => {
    const refused = await resident.uploadPhoto(Buffer.from('not a picture')).catch((error) => error);
    assert.ok(isLastmeterError(refused));
    assert.equal(refused.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(refused.status, 415);
    const anonymous = createClient({ url: t.graphqlUrl, retry: false });
    const forbidden = await anonymous.uploadPhoto(await noisyJpeg(10, 10)).catch((error) => error);
    assert.equal(forbidden.code, 'FORBIDDEN');
  });
});
