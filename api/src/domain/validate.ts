/** Small input checks shared by services; each failure is BAD_USER_INPUT naming the field. */
import { badInput } from '../errors';

/**
 * Characters that show nothing: format characters (zero-width spaces and joiners,
 * direction marks and overrides, the byte-order mark, soft hyphens), blank
 * fillers (Hangul fillers, the Braille blank) and whitespace. Text made only of
 * these looks empty to a person, so it is empty.
 */
const INVISIBLE = /[\p{Cf}\p{Z}\s\u115f\u1160\u3164\uffa0\u2800]/gu;

export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '').length === 0;
}

export function requireText(value: string | null | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (isBlank(text)) throw badInput(`${field} must not be empty (invisible characters alone do not count).`, field);
  if (text.length > max) throw badInput(`${field} is too long (${text.length} characters; at most ${max}).`, field);
  return withoutNul(text, field);
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (isBlank(text)) return null;
  if (text.length > max) throw badInput(`${field} is too long (${text.length} characters; at most ${max}).`, field);
  return withoutNul(text, field);
}

/** PostgreSQL text cannot hold a NUL character: refuse it here rather than fail in the database. */
function withoutNul(text: string, field: string): string {
  if (text.includes('\u0000')) throw badInput(`${field} must not contain NUL (\\u0000) characters.`, field);
  return text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot exist, so it is NOT_FOUND without a database round trip. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function requireLatitude(value: number, field = 'latitude'): number {
  if (!Number.isFinite(value) || value < -90 || value > 90) throw badInput(`${field} must be between -90 and 90.`, field);
  return value;
}

export function requireLongitude(value: number, field = 'longitude'): number {
  if (!Number.isFinite(value) || value < -180 || value > 180) throw badInput(`${field} must be between -180 and 180.`, field);
  return value;
}

export function requirePageSize(first: number | null | undefined, max = 100): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1) throw badInput('first must be a positive whole number.', 'first');
  if (size > max) throw badInput(`first must be at most ${max}.`, 'first');
  return size;
}
