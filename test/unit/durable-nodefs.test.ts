/**
 * The embedded database's commits reach the disk: after `makePGliteDurable`,
 * every COMMIT fdatasyncs the WAL before it returns, and PostgreSQL's fsync
 * calls (checkpoints) are real. Guards the Emscripten NODEFS internals this
 * relies on: a PGlite upgrade that changes them fails here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { durableSyncCounts, makePGliteDurable } from '../../api/src/db/durable-nodefs';

describe('durable embedded storage', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-durable-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('syncs the WAL at every commit and makes checkpoints fsync for real', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(dir);
    await db.waitReady;
    try {
      makePGliteDurable(db);
      makePGliteDurable(db); // idempotent: no double wrapping
      await db.exec('create table report (id serial primary key, note text)');
      const walBefore = durableSyncCounts.wal;
      for (let i = 0; i < 5; i++) await db.query('insert into report (note) values ($1)', [`r${i}`]);
      const walSyncs = durableSyncCounts.wal - walBefore;
      assert.ok(walSyncs >= 5, `at least one WAL sync per commit (got ${walSyncs} for 5 commits)`);
      assert.ok(walSyncs <= 15, `not a sync per page write (got ${walSyncs})`);
      const fsyncBefore = durableSyncCounts.fsync;
      await db.exec('checkpoint');
      assert.ok(durableSyncCounts.fsync > fsyncBefore, 'a checkpoint fsyncs data files');
    } finally {
      await db.close();
    }
  });
});
