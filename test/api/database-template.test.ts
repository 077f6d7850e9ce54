/**
 * A new embedded database starts as a copy of a kept, migrated, empty one
 * (api/src/db/cluster-template.ts) instead of running initdb and the
 * migrations: the copy must be the same database, on disk and in memory.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from '@jest/globals';
import { readDatabaseTemplate } from '../../api/src/db/cluster-template';
import { migrationNames } from '../../api/src/db/migrations';
import { openDatabase, type Database } from '../../api/src/db/orm';
import { describeOn } from '../support/harness';

async function assertMigratedAndEmpty(db: Database): Promise<void> {
  const em = db.orm.em.fork();
  const applied: { name: string }[] = await em.getConnection().execute('select name from mikro_orm_migrations order by id');
  assert.deepEqual(applied.map((row) => row.name), [...migrationNames], 'every migration recorded, in order');
  assert.deepEqual(await db.orm.getMigrator().getPendingMigrations(), [], "the migrator (the readiness probe's check) agrees");
  const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
  assert.equal(diff.trim(), '', `the copy's schema is the entities' schema:\n${diff}`);
  const [{ count }]: { count: string }[] = await em.getConnection().execute('select count(*) from issue');
  assert.equal(Number(count), 0, 'no data in it');
}

describeOn('embedded', 'the template is the embedded engine\'s own; PostgreSQL has nothing like it')('new embedded databases from the template', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lm-template-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('in memory: the same migrated, empty database (and the template is kept)', async () => {
    const db = await openDatabase({ dataDir: os.tmpdir(), inMemory: true });
    try {
      await assertMigratedAndEmpty(db);
    } finally {
      await db.close();
    }
    assert.ok(readDatabaseTemplate(), 'a template exists once a new database was made');
  });

  it('on disk: unpacked into DATA_DIR, reopened as it was; a half-unpacked copy from a crash is discarded', async () => {
    const pgdata = path.join(dataDir, 'pgdata');
    fs.mkdirSync(`${pgdata}.unpacking/base`, { recursive: true });
    fs.writeFileSync(`${pgdata}.unpacking/base/junk`, 'left by a crash');
    const first = await openDatabase({ dataDir });
    try {
      await assertMigratedAndEmpty(first);
      await first.orm.em.fork().getConnection().execute(`insert into category (code, name, name_en, "group", response_hours, resolve_hours) values ('KEPT', '保留', 'Kept', 'x', 1, 2)`);
    } finally {
      await first.close();
    }
    assert.ok(!fs.existsSync(`${pgdata}.unpacking`), 'nothing left beside the data directory');
    assert.ok(fs.existsSync(path.join(pgdata, 'PG_VERSION')));
    const second = await openDatabase({ dataDir });
    try {
      const rows = await second.orm.em.fork().getConnection().execute('select code from category');
      assert.deepEqual(rows, [{ code: 'KEPT' }], 'a restart opens the same database, not a new copy');
    } finally {
      await second.close();
    }
  });
});
