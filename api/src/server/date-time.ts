/**
 * The `DateTimeISO` scalar of graphql-scalars, serialising without a round
 * trip: the read path's timestamps arrive as the ISO strings PostgreSQL wrote
 * in exactly this format (issue-sql.ts `isoTime`), and go out unchanged;
 * Dates (and anything else) go through graphql-scalars as before. Input is
 * parsed as graphql-scalars parses it, but only for years 1 to 9999:
 * JavaScript accepts year 0 and six-digit years, PostgreSQL does not, and a
 * date it cannot store is the caller's mistake (BAD_USER_INPUT), not ours.
 */
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

const base = GraphQLDateTimeISO.toConfig();

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, what `Date.prototype.toISOString` writes for years 0–9999. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const EARLIEST = new Date('0001-01-01T00:00:00Z').getTime();
const LATEST = new Date('9999-12-31T23:59:59.999Z').getTime();

function storable(value: unknown): Date {
  const time = (value as Date).getTime();
  if (!(time >= EARLIEST && time <= LATEST)) {
    throw new GraphQLError('A DateTimeISO must lie between the years 0001 and 9999, e.g. 2026-12-07T00:00:00Z.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value as Date;
}

export const DateTimeISO = new GraphQLScalarType({
  ...base,
  parseValue: (value) => storable(base.parseValue!(value)),
  parseLiteral: (ast, variables) => storable(base.parseLiteral!(ast, variables)),
  serialize(value: unknown): string {
    if (typeof value === 'string' && ISO_UTC.test(value)) return value;
    return base.serialize(value) as string;
  },
});
