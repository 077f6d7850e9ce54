/** Event cursors: the event's sequence number, opaque to clients. */
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { badInput } from '../../errors';

const KIND = 'ev';

export function encodeEventCursor(seq: number): string {
  return encodeCursor(KIND, [seq]);
}

/** The sequence number of a cursor; BAD_USER_INPUT for anything that is not one of ours. */
export function decodeEventCursor(cursor: string): number {
  const [seq] = decodeCursor(KIND, cursor, 1);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw badInput('after is not an event cursor: pass IssueEvent.cursor back unchanged.', 'after');
  }
  return seq;
}
