/** `npm run db:export` / `db:import` carry the photo files: after a wipe of database and files, the photo is served again. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { Client } from 'pg';
import { exportDatabase, importDatabase, photosArchiveOf } from '../../api/scripts/db-backup';
import { dataOf, startTestServer, TEST_DB } from '../support/harness';
import { noisyJpeg } from '../support/images';
import { demoIds, REPORT, reportInput } from '../support/issues';
import { upload } from '../support/photo-client';
import { workspace } from '../support/workspace';

describe('photo backup', () => {
  const { dir: work, cleanups, persistentEnv } = workspace('lm-photo-backup-');

  it('exports the photo files beside the database and imports them back', async () => {
    const env = await persistentEnv();
    const dataDir = env.DATA_DIR;
    const start = () => startTestServer({ inMemory: false, env });
    let t = await start();
    let token = await t.login('worker.lin');
    const gridId = (await demoIds(t)).grids['JC-DH-GH-07']!.id;
    const photo = (await upload(t.url, await noisyJpeg(320, 240), { token })).body.id;
    const code = dataOf(await t.gql<any>(REPORT, { input: reportInput(gridId, { photoIds: [photo] }) }, { token })).reportIssue.trackingCode;
    await t.close();

    const backup = path.join(work, TEST_DB === 'postgres' ? 'lastmeter.dump' : 'lastmeter.tar.gz');
    const summary = await exportDatabase(backup, env);
    assert.match(summary, /photo files in/);
    assert.ok(fs.statSync(photosArchiveOf(backup)).size > 1000);

    // Wipe the database and every photo file.
    fs.rmSync(path.join(dataDir, 'photos'), { recursive: true });
    if (TEST_DB === 'postgres') {
      const client = new Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      await client.query('drop schema public cascade; create schema public');
      await client.end();
    } else {
      fs.rmSync(path.join(dataDir, 'pgdata'), { recursive: true });
    }
    assert.match(await importDatabase(backup, {}, env), /photo files restored/);

    t = await start();
    cleanups.push(() => t.close());
    token = await t.login('worker.lin');
    const found = dataOf(await t.gql<any>('query($s: String) { issues(filter: { search: $s }) { edges { node { photos { url } } } } }', { s: code }, { token }));
    const res = await fetch(found.issues.edges[0].node.photos[0].url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
  }, 240_000);
});
