/**
 * Named prepared statements: PostgreSQL plans a named statement once per
 * pooled connection (and after five runs may keep one generic plan) instead
 * of on every request. Planning the tracker's statement (a dozen subqueries
 * for its category, photos, timeline and a merged report's primary) costs
 * about three times what running it does; a few-fields page about as much.
 *
 * - A {@link FixedStatement} is compiled once, at load, from text fixed in
 *   code: the tracker, the token's user.
 * - {@link runPlannedSql} takes the read path's statements, whose text the
 *   query's selection decides (values are always parameters). Each connection
 *   keeps every statement it prepared, so only the first
 *   {@link MAX_PLANNED} texts get a name; real clients send a handful of
 *   documents, and a text beyond the bound runs unprepared, as before.
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

/** Distinct read-path texts prepared at most (per process; each pooled connection prepares those it runs). */
const MAX_PLANNED = 64;
const planned = new Map<string, string>();

const nameOf = (text: string) => `lm_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;

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
  return { name: nameOf(text), text, arity };
}

/** Runs a fixed statement (prepared by name on PostgreSQL) with these values, and answers its rows. */
export async function runFixed<Row>(em: EntityManager, statement: FixedStatement, values: readonly unknown[]): Promise<Row[]> {
  if (values.length !== statement.arity) throw new Error(`the statement takes ${statement.arity} values, not ${values.length}`);
  return runNamed<Row>(em, statement.name, statement.text, values);
}

/** Runs a read-path statement, prepared by name while fewer than {@link MAX_PLANNED} texts have been, and answers its rows. */
export function runPlannedSql<Row>(em: EntityManager, query: SQL): Promise<Row[]> {
  const { text, values = [] } = sql.compile(query);
  let name = planned.get(text);
  if (name === undefined && planned.size < MAX_PLANNED) planned.set(text, (name = nameOf(text)));
  return name === undefined ? em.execute<Row[]>(inlineValues(em, text, values)) : runNamed<Row>(em, name, text, values);
}

/** Prepared by name on PostgreSQL outside a transaction; inlined on the embedded database and inside one. */
async function runNamed<Row>(em: EntityManager, name: string, text: string, values: readonly unknown[]): Promise<Row[]> {
  if (!(em.getDriver() instanceof PostgreSqlDriver) || em.isInTransaction()) return em.execute<Row[]>(inlineValues(em, text, values));
  const knex = em.getConnection().getKnex();
  const startedAt = Date.now();
  const client = (await knex.client.acquireConnection()) as PgClient;
  try {
    const { rows } = await client.query({ name, text, values });
    // Logged as the ORM logs its own statements (tests count them).
    em.config.getLogger().logQuery({ query: text, took: Date.now() - startedAt, results: rows.length, level: 'info' });
    return rows as Row[];
  } finally {
    await knex.client.releaseConnection(client);
  }
}
