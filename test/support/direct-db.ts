/**
 * A database opened in the test's own process, without an API server: the embedded engine
 * (in memory, copied from the migrated template, well under a second) or, with
 * LM_TEST_DB=postgres, a scratch database of its own on the PostgreSQL server. For tests
 * that call services directly (and for mutation testing, where each mutant re-runs them).
 */
import os from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import { openDatabase, type Database } from '../../api/src/db/orm';
import { ensureCategories } from '../../api/src/modules/categories/category.service';
import { Fixtures } from './fixtures';
import { createScratchDatabase, TEST_DB } from './databases';

export interface DirectDatabase {
  db: Database;
  /** The PostgreSQL database's URL (LM_TEST_DB=postgres), for a second session of a test's own. */
  url?: string;
  /** A new EntityManager fork (each its own identity map). */
  em(): EntityManager;
  /** One statement on a fresh fork, outside any transaction. */
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  fixtures: Fixtures;
  close(): Promise<void>;
}

/** Opens and migrates a new database with the category catalogue (as every start writes it), nothing else. */
export async function openDirectDatabase(): Promise<DirectDatabase> {
  const scratch = TEST_DB === 'postgres' ? await createScratchDatabase() : undefined;
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: scratch?.url, dataDir: os.tmpdir(), inMemory: true });
  } catch (error) {
    await scratch?.drop();
    throw error;
  }
  const em = () => db.orm.em.fork();
  await ensureCategories(em());
  return {
    db,
    url: scratch?.url,
    em,
    sql: <T,>(text: string, params: unknown[] = []) => em().getConnection().execute<T[]>(text, params),
    fixtures: new Fixtures(db),
    async close() {
      try {
        await db.close();
      } finally {
        await scratch?.drop();
      }
    },
  };
}
