/** Opaque page cursors: a kind tag and a tuple of values, base64url-encoded. A cursor that is not ours is BAD_USER_INPUT. */
import { badInput } from '../errors';

export function encodeCursor(kind: string, values: (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...values])).toString('base64url');
}

export function decodeCursor(kind: string, cursor: string, arity: number): (string | number)[] {
  const fail = () => badInput('after is not a cursor from this list: pass pageInfo.endCursor back unchanged.', 'after');
  if (cursor.length > 500) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind || parsed.length !== arity + 1) throw fail();
  const values = parsed.slice(1);
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) throw fail();
  return values;
}
