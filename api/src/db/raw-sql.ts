/**
 * Hand-written SQL through the EntityManager, with answers of the same shape
 * on both databases.
 *
 * MikroORM inlines parameter values into the SQL text. The embedded driver
 * (knex-pglite) takes any text with a `;` in it for a script and answers with
 * one row list per statement — so a single statement whose values contain `;`
 * would come back as `[[row]]`. `executeRows` unwraps that.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** One statement, `?` for each parameter. */
export interface SqlStatement {
  sql: string;
  params: readonly unknown[];
}

/** The rows of one statement. */
export async function executeRows<Row>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const result = await em.execute<Row[] | Row[][]>(sql, [...params]);
  return result.length === 1 && Array.isArray(result[0]) ? (result[0] as Row[]) : (result as Row[]);
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
