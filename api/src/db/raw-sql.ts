/**
 * Hand-written SQL through the EntityManager, with answers of the same shape
 * on both databases (a one-statement answer is a row list on both: see
 * pglite-statements.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** One statement, `?` for each parameter. */
export interface SqlStatement {
  sql: string;
  params: readonly unknown[];
}

/** The rows of one statement. */
export async function executeRows<Row>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  return em.execute<Row[]>(sql, [...params]);
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
