/**
 * Several hand-written statements in one round trip through the EntityManager
 * (one statement is `em.execute`, which answers a row list on both databases:
 * see pglite-statements.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** One statement, `?` for each parameter. */
export interface SqlStatement {
  sql: string;
  params: readonly unknown[];
}

/**
 * Several statements in one round trip, and the rows of each. PostgreSQL runs
 * them as one transaction (or inside the caller's, when `em` is in one): all or
 * nothing, each statement seeing the ones before it, and each statement's
 * AFTER triggers run when that statement ends.
 */
export async function executeScript(em: EntityManager, statements: readonly SqlStatement[]): Promise<unknown[][]> {
  if (statements.length < 2) throw new Error('executeScript runs two statements or more (use executeRows for one)');
  const result = await em.execute<unknown[][]>(
    statements.map((s) => s.sql).join(';\n'),
    statements.flatMap((s) => s.params),
  );
  if (!Array.isArray(result) || result.length !== statements.length || !result.every(Array.isArray)) {
    throw new Error(`a script of ${statements.length} statements answered with ${Array.isArray(result) ? result.length : typeof result} results`);
  }
  return result;
}
