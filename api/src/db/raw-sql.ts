/**
 * Several statements in one round trip through the EntityManager
 * (one statement is `runSql`, db/sql.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { inlineSql, sql, type SQL } from './sql';

/**
 * Several statements in one round trip, and the rows of each. PostgreSQL runs
 * them as one transaction (or inside the caller's, when `em` is in one): all or
 * nothing, each statement seeing the ones before it, and each statement's
 * AFTER triggers run when that statement ends.
 */
export async function executeScript(em: EntityManager, statements: readonly SQL[]): Promise<unknown[][]> {
  if (statements.length < 2) throw new Error('executeScript runs two statements or more (use runSql for one)');
  const result = await em.execute<unknown[][]>(inlineSql(em, sql.join([...statements], ';\n')));
  if (!Array.isArray(result) || result.length !== statements.length || !result.every(Array.isArray)) {
    throw new Error(`a script of ${statements.length} statements answered with ${Array.isArray(result) ? result.length : typeof result} results`);
  }
  return result;
}
