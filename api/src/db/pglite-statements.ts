/**
 * MikroORM inlines parameter values into the SQL text, and the embedded
 * driver (knex-pglite) takes any raw text with a `;` in it for a script: it
 * runs it as one (which PostgreSQL parses correctly) but answers with a list
 * of results, one per statement. A single statement whose values hold a `;`
 * would then answer `[[row]]` instead of `[row]`. This makes a one-statement
 * answer the same shape either way, as on PostgreSQL.
 */
type KnexQuery = { response?: unknown };
type DialectPrototype = { _query(connection: unknown, query: KnexQuery): Promise<KnexQuery> };

const patched = new WeakSet<object>();

export function answerSingleStatementsAlike(dialect: { prototype: DialectPrototype }): void {
  const proto = dialect.prototype;
  if (patched.has(proto)) return;
  patched.add(proto);
  const run = proto._query;
  proto._query = async function (connection, query) {
    const out = await run.call(this, connection, query);
    // A script answers one result per statement; one statement is one result, not a list of one.
    if (Array.isArray(out.response) && out.response.length === 1) out.response = out.response[0];
    return out;
  };
}
