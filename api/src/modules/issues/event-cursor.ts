/** Event cursors: the event's sequence number, opaque to clients. */
import { sql, type SQL } from '../../db/sql';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { badInput } from '../../errors';

const KIND = 'ev';

export function encodeEventCursor(seq: number): string {
  return encodeCursor(KIND, [seq]);
}

/**
 * {@link encodeEventCursor} computed by PostgreSQL, for events built as JSON in
 * SQL: base64url (no padding) of `["ev",<seq>]` — the same text, byte for byte
 * (test/api/read-path.test.ts compares them).
 */
export function eventCursorSql(seq: SQL): SQL {
  return sql.fragment`translate(encode(convert_to('["${sql.raw(KIND)}",' || ${seq} || ']', 'UTF8'), 'base64'), '+/=', '-_')`;
}

/** The sequence number of a cursor; BAD_USER_INPUT for anything that is not one of ours. */
export function decodeEventCursor(cursor: string): number {
  const [seq] = decodeCursor(KIND, cursor, 1);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw badInput('after is not an event cursor: pass IssueEvent.cursor back unchanged.', 'after');
  }
  return seq;
}
