import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { loadConfig } from '../../api/src/config';
import { migrationNames } from '../../api/src/db/migrations';
import { openDatabase } from '../../api/src/db/orm';
import { startServer } from '../../api/src/server/http';
import { createScratchDatabase, DEMO_PASSWORD, itOn, TEST_DB } from '../support/harness';

describe('migrations', () => {
  it('leave nothing for the entities to add: the migrations and the entities agree', async () => {
    const scratch = TEST_DB === 'postgres' ? await createScratchDatabase() : undefined;
    const db = await openDatabase({ databaseUrl: scratch?.url, dataDir: os.tmpdir(), inMemory: true });
    try {
      const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      assert.equal(diff.trim(), '', `entities differ from the migrations:\n${diff}`);
    } finally {
      await db.close();
      await scratch?.drop();
    }
  });

  it('run once when two replicas start together on one PostgreSQL database', async () => {
    const scratch = await createScratchDatabase();
    try {
      const [a, b] = await Promise.all([
        openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() }),
        openDatabase({ databaseUrl: scratch.url, dataDir: os.tmpdir() }),
      ]);
      const rows = await a.orm.em.fork().getConnection().execute<{ name: string }[]>('select name from mikro_orm_migrations');
      assert.equal(rows.length, migrationNames.length, 'each migration is recorded once');
      await Promise.all([a.close(), b.close()]);
    } finally {
      await scratch.drop();
    }
  });

  itOn('embedded', 'the embedded engine keeps its data in DATA_DIR; PostgreSQL keeps its own')('keep the embedded database on disk in DATA_DIR across restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmeter-data-'));
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir, SEED_DEMO: '0', ADMIN_PASSWORD: DEMO_PASSWORD });
    try {
      const first = await startServer(config);
      const em = first.services.db.orm.em.fork();
      await em.getConnection().execute(`insert into category (code, name, name_en, "group", response_hours, resolve_hours) values ('KEEP', '保留', 'Kept', 'x', 1, 2)`);
      await first.close();
      const second = await startServer(config);
      const rows = await second.services.db.orm.em.fork().getConnection().execute('select code from category where code = ?', ['KEEP']);
      await second.close();
      assert.equal(rows.length, 1);
      assert.ok(fs.existsSync(path.join(dataDir, 'pgdata')));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
