/**
 * Backup and restore as the README tells operators: `npm run db:export` and
 * `npm run db:import` (the embedded data directory's tarball; pg_dump and
 * pg_restore on PostgreSQL). Export, wipe, import: every report is back.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { Client } from 'pg';
import { BackupError, exportDatabase, importDatabase } from '../../api/scripts/db-backup';
import { dataOf, startTestServer, itOn, TEST_DB, type TestServer } from '../support/harness';
import { demoIds, REPORT, reportInput } from '../support/issues';
import { workspace } from '../support/workspace';

describe('backup and restore', () => {
  const { dir: work, cleanups, persistentEnv } = workspace('lm-backup-');

  it('exports, wipes, imports: the data is intact', async () => {
    const env = await persistentEnv();
    const dataDir = env.DATA_DIR;
    const start = () => startTestServer({ inMemory: false, env });
    const snapshot = async (t: TestServer, token: string) =>
      dataOf(await t.gql<any>('{ issues(first: 100) { totalCount edges { node { trackingCode status version } } } regions { id name } }', {}, { token }));

    let t = await start();
    let token = await t.login('admin');
    const { grids } = await demoIds(t);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(dataOf(await t.gql<any>(REPORT, { input: reportInput(grids['JC-DH-GH-07'].id) }, { token })).reportIssue.trackingCode);
    }
    const before = await snapshot(t, token);
    await t.close();

    const backup = path.join(work, TEST_DB === 'postgres' ? 'lastmeter.dump' : 'lastmeter.tar.gz');
    const exported = await exportDatabase(backup, env);
    assert.ok(fs.statSync(backup).size > 10_000, exported);

    // Wipe.
    if (TEST_DB === 'postgres') {
      const client = new Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      await client.query('drop schema public cascade; create schema public');
      await client.end();
    } else {
      fs.rmSync(path.join(dataDir, 'pgdata'), { recursive: true });
    }

    await importDatabase(backup, {}, env);
    t = await start();
    cleanups.push(() => t.close());
    token = await t.login('admin');
    const restored = await snapshot(t, token);
    assert.deepEqual(restored, before, 'every issue, status, version and region is back');
    for (const code of codes) {
      const tracked = dataOf(await t.gql<any>('query($c: String!) { trackIssue(trackingCode: $c) { status } }', { c: code }));
      assert.equal(tracked.trackIssue.status, 'SUBMITTED');
    }
    // And it is writable again.
    dataOf(await t.gql(REPORT, { input: reportInput(grids['JC-DH-GH-07'].id) }, { token }));
  });

  {
    const it = itOn('embedded', 'the DATA_DIR lock belongs to the embedded engine');
    it('refuses to export while the API holds the data directory, and to import over a database without --force', async () => {
      const dataDir = path.join(work, 'busy');
      const pgdata = path.join(dataDir, 'pgdata');
      fs.mkdirSync(pgdata, { recursive: true });
      fs.writeFileSync(path.join(pgdata, 'PG_VERSION'), '17\n');
      // A live process (our parent, the test runner) holds the lock.
      fs.writeFileSync(path.join(dataDir, 'lastmeter.pid'), `${process.ppid}\n`);
      await assert.rejects(exportDatabase(path.join(work, 'x.tar.gz'), { DATA_DIR: dataDir }), (error: Error) => {
        assert.ok(error instanceof BackupError);
        assert.match(error.message, /stop it first/);
        return true;
      });
      fs.rmSync(path.join(dataDir, 'lastmeter.pid'));
      const backup = path.join(work, 'empty.tar.gz');
      fs.writeFileSync(backup, 'not used');
      await assert.rejects(importDatabase(backup, {}, { DATA_DIR: dataDir }), /already holds a database: pass --force/);
      assert.ok(fs.existsSync(path.join(pgdata, 'PG_VERSION')), 'nothing was touched');
    });
  }
});
