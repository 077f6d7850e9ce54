/**
 * The database is away (stopped, restarting, unreachable, out of
 * connections): requests fail fast with HTTP 503, `extensions.code`
 * INTERNAL_SERVER_ERROR (the contract's list has no other code for it) and
 * `extensions.reason` DATABASE_UNAVAILABLE, with a plain message — never a
 * hang, never a driver's text. The pool reconnects by itself when the
 * database returns.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, ErrorCode } from '../errors';

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
/** Seconds a client should wait before retrying. */
export const RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable right now. Please try again in a few seconds.';

/** Socket errors and PostgreSQL's "cannot serve now" SQLSTATEs (class 08, 57P01–57P03, 53300). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);

const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Timeout acquiring a connection/i,
  /Connection ended unexpectedly/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /connect ECONNREFUSED/i,
];

/** True when `error` (or what it wraps) says the database cannot be reached, not that a statement was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { name?: unknown; code?: unknown; message?: unknown; extensions?: { reason?: unknown } };
    if (e.extensions?.reason === DATABASE_UNAVAILABLE) return true;
    if (e.name === 'KnexTimeoutError' || e.name === 'ConnectionException') return true;
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
    const next = current as { cause?: unknown; originalError?: unknown; previous?: unknown };
    current = next.originalError ?? next.cause ?? next.previous;
  }
  return false;
}

/** The error clients get; with `http`, Apollo answers 503 with Retry-After. */
export function databaseUnavailableError(): AppError {
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, DATABASE_UNAVAILABLE_MESSAGE, {
    reason: DATABASE_UNAVAILABLE,
    http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
  });
}

/** Rethrows a connection failure as {@link databaseUnavailableError}; anything else unchanged. */
export function asDatabaseUnavailable(error: unknown): unknown {
  return isDatabaseUnavailable(error) && !(error instanceof AppError) ? databaseUnavailableError() : error;
}

/** Resolver errors caused by an unreachable database turn the whole answer into HTTP 503. */
export function databaseOutagePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          if (!errors.some((error) => isDatabaseUnavailable(unwrapResolverError(error)))) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
