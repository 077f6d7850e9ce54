/**
 * A database made before the catalogue spoke Simplified Chinese gets its
 * untouched Traditional category names rewritten by the migration; names an
 * operator changed stay as they are.
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from '@jest/globals';
import { Migration20261207300000SimplifiedCategoryNames } from '../../api/src/db/migrations/Migration20261207300000SimplifiedCategoryNames';
import { openDatabase } from '../../api/src/db/orm';
import { ensureCategories } from '../../api/src/modules/categories/category.service';
import { createScratchDatabase, TEST_DB } from '../support/harness';

describe('the Simplified category names migration', () => {
  it('rewrites untouched Traditional names and groups, and keeps an operator’s edits', async () => {
    const scratch = TEST_DB === 'postgres' ? await createScratchDatabase() : undefined;
    const db = await openDatabase({ databaseUrl: scratch?.url, dataDir: os.tmpdir(), inMemory: true });
    try {
      const em = db.orm.em.fork();
      const connection = em.getConnection();
      await ensureCategories(em);
      // As the database was before: Traditional text; an operator renamed DOG_KEEPING meanwhile.
      await connection.execute(`update category set name = '垃圾清理不及時', "group" = '人居環境 / Living environment' where code = 'GARBAGE'`);
      await connection.execute(`update category set name = '文明養犬（本市）', "group" = '社會治理 / Social governance' where code = 'DOG_KEEPING'`);

      const migration = new Migration20261207300000SimplifiedCategoryNames(em.getDriver(), db.orm.config);
      await migration.up();
      for (const sql of migration.getQueries()) await connection.execute(sql as string);

      const rows = await connection.execute<{ code: string; name: string; group: string }[]>(
        `select code, name, "group" from category where code in ('GARBAGE', 'DOG_KEEPING') order by code`,
      );
      assert.deepEqual(
        rows.map((row) => ({ ...row })),
        [
          { code: 'DOG_KEEPING', name: '文明養犬（本市）', group: '社会治理 / Social governance' },
          { code: 'GARBAGE', name: '垃圾清理不及时', group: '人居环境 / Living environment' },
        ],
      );
    } finally {
      await db.close();
      await scratch?.drop();
    }
  });
});
