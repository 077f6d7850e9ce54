/**
 * Named prepared statements for the few fixed statements of the public hot
 * path (the tracker). Planning the tracker's statement (a dozen subqueries
 * for its category, photos, timeline and a merged report's primary) costs
 * PostgreSQL about three times what running it does; a named statement is
 * planned once per pooled connection.
 *
 * A {@link FixedStatement} is compiled once, at load, from text fixed in
 * code, never from a query's selection: each connection keeps every statement
 * it prepared, so their number must stay small and known.
 *
 * The embedded database, and an EntityManager inside a transaction (whose
 * connection the transaction holds), run the same text with its values
 * inlined, as `runSql` does.
 */
import { createHash } from 'node:crypto';
import { PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
import { inlineValues, sql, type SQL } from './sql';

export interface FixedStatement {
  /** The statement's name on every connection that prepared it. */
  readonly name: string;
  /** Its text, with `$1…$n` for the values. */
  readonly text: string;
  /** How many values it takes. */
  readonly arity: number;
}

interface PgClient {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A statement compiled once. `build` receives one placeholder per value (`sql.value` of the index) and must use
 * each exactly once, in order.
 */
export function fixedStatement(arity: number, build: (...values: SQL[]) => SQL): FixedStatement {
  const { text, values = [] } = sql.compile(build(...Array.from({ length: arity }, (_, index) => sql.value(index))));
  if (values.length !== arity || values.some((value, index) => value !== index)) {
    throw new Error(`a fixed statement must use each of its ${arity} values once, in order`);
  }
  return { name: `lm_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`, text, arity };
}

/** Runs a fixed statement (prepared by name on PostgreSQL) with these values, and answers its rows. */
export async function runFixed<Row>(em: EntityManager, statement: FixedStatement, values: readonly unknown[]): Promise<Row[]> {
  if (values.length !== statement.arity) throw new Error(`the statement takes ${statement.arity} values, not ${values.length}`);
  if (!(em.getDriver() instanceof PostgreSqlDriver) || em.isInTransaction()) return em.execute<Row[]>(inlineValues(em, statement.text, values));
  const knex = em.getConnection().getKnex();
  const startedAt = Date.now();
  const client = (await knex.client.acquireConnection()) as PgClient;
  try {
    const { rows } = await client.query({ name: statement.name, text: statement.text, values });
    // Logged as the ORM logs its own statements (tests count them).
    em.config.getLogger().logQuery({ query: statement.text, took: Date.now() - startedAt, results: rows.length, level: 'info' });
    return rows as Row[];
  } finally {
    await knex.client.releaseConnection(client);
  }
}
