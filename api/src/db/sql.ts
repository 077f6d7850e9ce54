/**
 * Statements built with pg-sql2: identifiers are quoted and values kept apart
 * from the text by construction, never glued into it. `runSql` sends one
 * through the request's EntityManager (its transaction, its query log), with
 * each value written as a literal by the ORM's own quoting — what MikroORM
 * does with `?` parameters anyway, minus its scan of the text for `?`.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import * as sql from 'pg-sql2';

export { sql };
export type SQL = sql.SQL;

/** pg-sql2's placeholders: `$n`, only ever in text it generated (our raw fragments never contain one). */
const PLACEHOLDER = /\$(\d+)/g;

/** The statement's text with every value inlined as a quoted literal. */
export function inlineSql(em: EntityManager, query: SQL): string {
  const { text, values = [] } = sql.compile(query);
  return inlineValues(em, text, values);
}

/** Compiled text (`$n` placeholders) with `values` inlined as quoted literals. */
export function inlineValues(em: EntityManager, text: string, values: readonly unknown[]): string {
  const platform = em.getPlatform();
  return text.replace(PLACEHOLDER, (_, n: string) => platform.quoteValue(values[Number(n) - 1]));
}

/** A point in time as a `timestamptz` value: ISO text, the same instant whatever the session's time zone. */
export function timestamptz(at: Date): SQL {
  return sql.fragment`${sql.value(at.toISOString())}::timestamptz`;
}

/** Runs one statement and answers its rows. */
export function runSql<Row>(em: EntityManager, query: SQL): Promise<Row[]> {
  return em.execute<Row[]>(inlineSql(em, query));
}
