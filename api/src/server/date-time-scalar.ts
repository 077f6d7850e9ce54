/**
 * DateTimeISO as graphql-scalars parses it, but only for years 1 to 9999:
 * JavaScript accepts year 0 and six-digit years, PostgreSQL does not, and a
 * date it cannot store is the caller's mistake (BAD_USER_INPUT), not ours.
 */
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

const EARLIEST = new Date('0001-01-01T00:00:00Z').getTime();
const LATEST = new Date('9999-12-31T23:59:59.999Z').getTime();

function inRange(value: unknown): Date {
  const date = value as Date;
  const time = date.getTime();
  if (!(time >= EARLIEST && time <= LATEST)) {
    throw new GraphQLError('A DateTimeISO must lie between the years 0001 and 9999, e.g. 2026-12-07T00:00:00Z.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

const base = GraphQLDateTimeISO.toConfig();

/** Replaces type-graphql's default `Date` scalar (same name, same serialisation). */
export const BoundedDateTimeISO = new GraphQLScalarType({
  ...base,
  parseValue: (value) => inRange(base.parseValue!(value)),
  parseLiteral: (ast, variables) => inRange(base.parseLiteral!(ast, variables)),
});
