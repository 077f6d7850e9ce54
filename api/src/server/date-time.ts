/**
 * The `DateTimeISO` scalar of graphql-scalars, serialising without a round
 * trip: the read path's timestamps arrive as the ISO strings PostgreSQL wrote
 * in exactly this format (issue-sql.ts `isoTime`), and go out unchanged;
 * Dates (and anything else) go through graphql-scalars as before. Input is
 * parsed exactly as graphql-scalars parses it.
 */
import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';

const base = GraphQLDateTimeISO.toConfig();

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, what `Date.prototype.toISOString` writes for years 0–9999. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const DateTimeISO = new GraphQLScalarType({
  ...base,
  serialize(value: unknown): string {
    if (typeof value === 'string' && ISO_UTC.test(value)) return value;
    return base.serialize(value) as string;
  },
});
