/**
 * The evidence-photo suite, run once per storage driver (photos-file.test.ts, photos-s3.test.ts):
 * whatever the driver, the same uploads, links, visibility and deletions behave the same way.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import sharp from 'sharp';
import { deleteIssuePhotos, sweepUnattachedPhotos } from '../../api/src/modules/photos/photo.service';
import { dataOf, errorCode, startTestServer, type TestServer } from './harness';
import { GPS, jpegWithGps, noisyJpeg } from './images';
import { createPortalKey, dbOf, demoIds, reportInput, REPORT } from './issues';
import { upload } from './photo-client';

const ORIGIN = 'https://portal.example.gov.cn';
const PHOTO = 'id stage public width height url thumbnailUrl uploadedAt';

/** Fetches a photo link; asserts the headers every served photo must carry (the bucket's presigned links carry what S3 can). */
async function served(url: string, ours: boolean): Promise<{ bytes: Buffer; type: string | null }> {
  const res = await fetch(url);
  assert.equal(res.status, 200, `GET ${url}`);
  const type = res.headers.get('content-type');
  assert.match(type ?? '', /^image\/(jpeg|webp)$/);
  assert.match(res.headers.get('content-disposition') ?? '', /^inline; filename="photo\.(jpeg|webp)"$/);
  if (ours) {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
  }
  return { bytes: Buffer.from(await res.arrayBuffer()), type };
}

export function photoSuite(driver: 'file' | 's3', env: () => Record<string, string>): void {
  describe(`evidence photos (${driver} storage)`, () => {
    let t: TestServer;
    let admin: string;
    let worker: string;
    let assignee: string;
    let otherCadre: string;
    let portal: { id: string; key: string };
    let gridId: string;
    let assigneeId: string;
    const ours = driver === 'file';

    beforeAll(async () => {
      t = await startTestServer({ env: env() });
      admin = await t.login('admin');
      worker = await t.login('worker.lin');
      assignee = await t.login('cadre.zheng');
      otherCadre = await t.login('cadre.sun');
      portal = await createPortalKey(t, admin, [ORIGIN]);
      const ids = await demoIds(t);
      gridId = ids.grids['JC-DH-GH-07']!.id;
      assigneeId = ids.cadres['郑大勇']!.id;
    }, 120_000);
    afterAll(() => t?.close());

    const asPortal = { portalKey: '', origin: ORIGIN };
    const portalOpts = () => ({ ...asPortal, portalKey: portal.key });

    async function reportWithPhotos(photoIds: string[]) {
      const res = await t.gql<any>(REPORT, { input: reportInput(gridId, { photoIds }) }, portalOpts());
      const code = dataOf(res).reportIssue.trackingCode as string;
      const found = dataOf(await t.gql<any>('query($s: String) { issues(filter: { search: $s }) { edges { node { id } } } }', { s: code }, { token: admin }));
      return { id: found.issues.edges[0].node.id as string, trackingCode: code };
    }

    async function moveToInProgress(id: string) {
      dataOf(await t.gql('mutation($id: ID!) { acceptIssue(id: $id) { status } }', { id }, { token: worker }));
      dataOf(await t.gql('mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status } }', { id, c: assigneeId }, { token: worker }));
      dataOf(await t.gql('mutation($id: ID!) { startIssue(id: $id) { status } }', { id }, { token: assignee }));
    }

    it('takes a resident photo with GPS and serves it back with no metadata at all, upright and resized', async () => {
      const original = await jpegWithGps();
      assert.ok((await sharp(original).metadata()).exif, 'the test picture does carry EXIF');
      const res = await upload(t.url, original, portalOpts());
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(Object.keys(res.body).sort(), ['bytes', 'height', 'id', 'suggestedLocation', 'width']);
      assert.deepEqual(res.body.suggestedLocation, GPS, 'the GPS position comes back to the uploader once');
      // Orientation 6 applied: stored 600×400, shown 400×600.
      assert.equal(res.body.width, 400);
      assert.equal(res.body.height, 600);

      const issue = await reportWithPhotos([res.body.id]);
      const data = dataOf(await t.gql<any>(`query($id: ID!) { issue(id: $id) { photos { ${PHOTO} } } }`, { id: issue.id }, { token: worker }));
      assert.equal(data.issue.photos.length, 1);
      const photo = data.issue.photos[0];
      assert.equal(photo.stage, 'REPORT');
      assert.equal(photo.public, false);
      assert.ok(!photo.url.includes(res.body.id), 'links never carry the guessable-looking upload id');
      for (const link of [photo.url, photo.thumbnailUrl]) {
        const { bytes } = await served(link, ours);
        const meta = await sharp(bytes).metadata();
        assert.equal(meta.exif, undefined, 'no EXIF (and so no GPS)');
        assert.equal(meta.xmp, undefined, 'no XMP');
        assert.equal(meta.iptc, undefined, 'no IPTC');
        assert.equal(meta.icc, undefined, 'no ICC profile (sRGB)');
        assert.equal(meta.orientation, undefined);
        assert.ok(!bytes.includes(Buffer.from('TestCam')) && !bytes.includes(Buffer.from('a resident')), 'no camera text anywhere in the file');
      }
      const thumb = await sharp((await served(photo.thumbnailUrl, ours)).bytes).metadata();
      assert.equal(Math.max(thumb.width!, thumb.height!), 320);
      // The GPS position is nowhere in the database.
      const [row] = await dbOf(t).getConnection().execute<any[]>('select * from photo where id = ?', [res.body.id]);
      assert.ok(!JSON.stringify(row).includes('30.26'));
    });

    it('shrinks a 4000×3000 picture to 2048 px on its longest side and accepts it as one multipart "file" field', async () => {
      const res = await upload(t.url, await noisyJpeg(4000, 3000, 80), { token: worker, multipart: true });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.width, 2048);
      assert.equal(res.body.height, 1536);
    });

    it('gives the same photo for the same bytes from one uploader, and refuses what is not an image it can use', async () => {
      const bytes = await jpegWithGps({ r: 10, g: 200, b: 10 });
      const first = await upload(t.url, bytes, { token: worker });
      const again = await upload(t.url, bytes, { token: worker, multipart: true });
      assert.equal(again.body.id, first.body.id);
      const other = await upload(t.url, bytes, { token: assignee });
      assert.notEqual(other.body.id, first.body.id, 'another uploader gets a photo of its own');

      const text = await upload(t.url, Buffer.from('<svg onload="alert(1)"></svg>'), { token: worker, contentType: 'image/jpeg' });
      assert.equal(text.status, 415);
      assert.equal(text.body.errors[0].extensions.code, 'UNSUPPORTED_MEDIA_TYPE');
      const broken = await upload(t.url, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]), { token: worker });
      assert.equal(broken.status, 400);
      assert.match(broken.body.errors[0].message, /could not be (read|decoded)/);
      // A decompression bomb: a small file that would decode to 64 megapixels.
      const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: { r: 255, g: 255, b: 255 } } }).png({ compressionLevel: 9 }).toBuffer();
      const bombed = await upload(t.url, bomb, { token: worker });
      assert.equal(bombed.status, 400);
      assert.match(bombed.body.errors[0].message, /megapixels/);
      const huge = await upload(t.url, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff), { token: worker });
      assert.equal(huge.status, 413);
      const nobody = await upload(t.url, bytes);
      assert.equal(nobody.status, 403);
      const foreign = await upload(t.url, bytes, { portalKey: portal.key, origin: 'https://evil.example.com' });
      assert.equal(foreign.status, 403);
    });

    it('shows the tracker the AFTER photo and not the report photo; staff may publish the report photo', async () => {
      const reportPhoto = (await upload(t.url, await jpegWithGps({ r: 1, g: 2, b: 250 }), portalOpts())).body.id;
      const issue = await reportWithPhotos([reportPhoto]);
      await moveToInProgress(issue.id);
      const after = (await upload(t.url, await noisyJpeg(800, 600), { token: assignee })).body.id;
      const before = (await upload(t.url, await noisyJpeg(640, 480), { token: worker })).body.id;
      const added = await t.gql<any>(
        `mutation($id: ID!, $p: [ID!]!) { a: addIssuePhotos(id: $id, photoIds: $p, stage: AFTER) { photos { stage public } timeline { type } } }`,
        { id: issue.id, p: [after] },
        { token: assignee },
      );
      const issueAfter = dataOf(added).a;
      assert.deepEqual(issueAfter.photos.map((p: any) => [p.stage, p.public]), [['REPORT', false], ['AFTER', true]]);
      assert.equal(issueAfter.timeline.at(-1).type, 'PHOTOS_ADDED');
      dataOf(await t.gql(`mutation($id: ID!, $p: [ID!]!) { addIssuePhotos(id: $id, photoIds: $p, stage: BEFORE) { id } }`, { id: issue.id, p: [before] }, { token: worker }));

      const tracked = async () =>
        dataOf(await t.gql<any>(`query($c: String!) { trackIssue(trackingCode: $c) { photos { ${PHOTO} } timeline { type } } }`, { c: issue.trackingCode })).trackIssue;
      let view = await tracked();
      assert.deepEqual(view.photos.map((p: any) => p.stage), ['AFTER'], 'only the public AFTER photo');
      const publicBytes = (await served(view.photos[0].url, ours)).bytes;
      assert.equal((await sharp(publicBytes).metadata()).width, 800);

      const all = dataOf(await t.gql<any>(`query($id: ID!) { issue(id: $id) { photos { id stage } } }`, { id: issue.id }, { token: worker })).issue.photos;
      const reportAttachment = all.find((p: any) => p.stage === 'REPORT').id;
      const published = dataOf(await t.gql<any>(`mutation($id: ID!) { setPhotoPublic(id: $id, public: true) { id stage public } }`, { id: reportAttachment }, { token: worker }));
      assert.deepEqual(published.setPhotoPublic, { id: reportAttachment, stage: 'REPORT', public: true });
      view = await tracked();
      assert.deepEqual(view.photos.map((p: any) => p.stage), ['REPORT', 'AFTER']);
      assert.ok(view.timeline.some((e: any) => e.type === 'PHOTO_VISIBILITY_CHANGED'));
    });

    it('lets only the assignee and the grid workers add photos, and only their own uploads', async () => {
      const issue = await reportWithPhotos([]);
      await moveToInProgress(issue.id);
      const mine = (await upload(t.url, await noisyJpeg(300, 200), { token: otherCadre })).body.id;
      const refused = await t.gql(`mutation($id: ID!, $p: [ID!]!) { addIssuePhotos(id: $id, photoIds: $p, stage: AFTER) { id } }`, { id: issue.id, p: [mine] }, { token: otherCadre });
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(errorCode(refused)));
      const someoneElses = await t.gql(`mutation($id: ID!, $p: [ID!]!) { addIssuePhotos(id: $id, photoIds: $p, stage: AFTER) { id } }`, { id: issue.id, p: [mine] }, { token: assignee });
      assert.equal(errorCode(someoneElses), 'BAD_USER_INPUT');
      const tooMany = await t.gql(REPORT, { input: reportInput(gridId, { photoIds: Array.from({ length: 10 }, () => randomUUID()) }) }, portalOpts());
      assert.equal(errorCode(tooMany), 'BAD_USER_INPUT');
    });

    it('refuses to resolve without an AFTER photo when the category asks for one', async () => {
      await dbOf(t).getConnection().execute(`update category set requires_after_photo = true where code = 'GARBAGE'`);
      try {
        const cat = dataOf(await t.gql<any>('{ categories { code requiresAfterPhoto } }')).categories.find((c: any) => c.code === 'GARBAGE');
        assert.equal(cat.requiresAfterPhoto, true);
        const issue = await reportWithPhotos([]);
        await moveToInProgress(issue.id);
        const resolve = () => t.gql(`mutation($id: ID!) { resolveIssue(id: $id, resolution: "已清运") { status } }`, { id: issue.id }, { token: assignee });
        const refused = await resolve();
        assert.equal(errorCode(refused), 'BAD_USER_INPUT');
        assert.match(refused.errors![0].message, /AFTER/);
        const before = (await upload(t.url, await noisyJpeg(300, 300), { token: assignee })).body.id;
        dataOf(await t.gql(`mutation($id: ID!, $p: [ID!]!) { addIssuePhotos(id: $id, photoIds: $p, stage: BEFORE) { id } }`, { id: issue.id, p: [before] }, { token: assignee }));
        assert.equal(errorCode(await resolve()), 'BAD_USER_INPUT', 'a BEFORE photo is not enough');
        const after = (await upload(t.url, await noisyJpeg(301, 300), { token: assignee })).body.id;
        dataOf(await t.gql(`mutation($id: ID!, $p: [ID!]!) { addIssuePhotos(id: $id, photoIds: $p, stage: AFTER) { id } }`, { id: issue.id, p: [after] }, { token: assignee }));
        assert.equal(dataOf<any>(await resolve()).resolveIssue.status, 'RESOLVED');
      } finally {
        await dbOf(t).getConnection().execute(`update category set requires_after_photo = false where code = 'GARBAGE'`);
      }
    });

    it('refuses edited and expired links', async () => {
      const id = (await upload(t.url, await noisyJpeg(200, 200), portalOpts())).body.id;
      const issue = await reportWithPhotos([id]);
      const url: string = dataOf(await t.gql<any>(`query($id: ID!) { issue(id: $id) { photos { url } } }`, { id: issue.id }, { token: worker })).issue.photos[0].url;
      const edited = url.includes('-main.') ? url.replace('-main.', '-thumb.') : url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=999999');
      assert.notEqual((await fetch(edited)).status, 200);
      if (ours) {
        const expired = url.replace(/exp=\d+/, 'exp=1000');
        assert.equal((await fetch(expired)).status, 404);
      }
    });

    it('sweeps uploads never attached after 24 hours, keeping files another photo still uses; deleting an issue keeps photos other issues use', async () => {
      const storage = t.server.services.photos.storage;
      const em = () => dbOf(t);
      const bytes = await noisyJpeg(250, 250);
      const loose = (await upload(t.url, bytes, { token: worker })).body.id;
      const kept = (await upload(t.url, bytes, portalOpts())).body.id;
      const [{ content_hash: hash, format }] = await em().getConnection().execute<any[]>('select content_hash, format from photo where id = ?', [kept]);
      // The portal's copy goes on two issues (the same upload attached twice).
      const first = await reportWithPhotos([kept]);
      const second = await reportWithPhotos([kept]);

      const later = new Date(Date.now() + 25 * 3600 * 1000);
      assert.ok((await sweepUnattachedPhotos(em(), storage, later)) >= 1);
      const rows = await em().getConnection().execute<any[]>('select id from photo where id in (?, ?)', [loose, kept]);
      assert.deepEqual(rows.map((r) => r.id), [kept], 'the unattached upload is gone, the attached one stays');
      assert.equal(await storage.has(hash, format), true, 'its file is still used by the attached photo');

      await deleteIssuePhotos(em(), storage, first.id);
      assert.equal(await storage.has(hash, format), true, 'the second issue still uses the photo');
      const url = dataOf(await t.gql<any>(`query($id: ID!) { issue(id: $id) { photos { url } } }`, { id: second.id }, { token: worker })).issue.photos[0].url;
      assert.equal((await fetch(url)).status, 200);
      await deleteIssuePhotos(em(), storage, second.id);
      assert.equal(await storage.has(hash, format), false, 'no photo uses the file any more');
    });
  });
}
