/**
 * Tracking codes: `LM-7K3Q-9XW2-HD4M`. Twelve symbols of Crockford's base 32
 * (no I, L, O or U, so nothing is mistaken when read aloud or typed) = 60
 * random bits from the operating system's CSPRNG, in groups of four. Lookups
 * accept what people actually type: any case, spaces or no dashes, with or
 * without the `LM` prefix, I/L for 1 and O for 0.
 */
import { randomInt } from 'node:crypto';

export const TRACKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'LM';
const SYMBOLS = 12;
const GROUP = 4;

/** Random bits in a code: log2(32) × 12. */
export const TRACKING_CODE_BITS = Math.log2(TRACKING_CODE_ALPHABET.length) * SYMBOLS;

const CANONICAL = new RegExp(`^${PREFIX}(-[${TRACKING_CODE_ALPHABET}]{${GROUP}}){${SYMBOLS / GROUP}}$`);

export function newTrackingCode(): string {
  let body = '';
  for (let i = 0; i < SYMBOLS; i++) body += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  return format(body);
}

function format(body: string): string {
  const groups: string[] = [];
  for (let i = 0; i < body.length; i += GROUP) groups.push(body.slice(i, i + GROUP));
  return [PREFIX, ...groups].join('-');
}

export function isCanonicalTrackingCode(code: string): boolean {
  return CANONICAL.test(code);
}

/** The canonical form of what someone typed, or null when it cannot be a tracking code. */
export function normaliseTrackingCode(input: string): string | null {
  if (input.length > 64) return null;
  let compact = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (compact.length === SYMBOLS + PREFIX.length && compact.startsWith(PREFIX)) compact = compact.slice(PREFIX.length);
  if (compact.length !== SYMBOLS) return null;
  // Crockford's decoding rules: I and L read as 1, O as 0.
  const body = compact.replace(/[IL]/g, '1').replace(/O/g, '0');
  for (const ch of body) if (!TRACKING_CODE_ALPHABET.includes(ch)) return null;
  return format(body);
}
