/**
 * Every `extensions.code` the Lastmeter API returns. The API owns this list: it
 * is emitted into the schema as the `ErrorCode` enum (server/schema.ts), and the
 * SDK's `ErrorCode` is generated from there by `npm run generate`, so a code
 * cannot be added on one side only.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** One of the codes of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What each code means, as the schema documents it. */
export const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'No valid staff token: sign in with `login` and send `Authorization: Bearer <token>`.',
  FORBIDDEN: 'Signed in, and the item is in scope, but this account may not do this.',
  NOT_FOUND: 'No such item, or one outside your scope (the two are answered alike).',
  BAD_USER_INPUT: 'An argument is invalid; `extensions.field` names it when there is one.',
  CONFLICT: 'The item changed or is in another state (e.g. a stale `expectedVersion`).',
  RATE_LIMITED: 'Too many attempts; `extensions.retryAfterSeconds` says when to try again.',
  PASSWORD_CHANGE_REQUIRED: 'Signed in with a one-time password: call `changePassword` before anything else.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  BAD_REQUEST: 'The HTTP request itself was refused: batch, CSRF check, unreadable or too large a body.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not fit the schema or exceeds a query limit.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; the log carries the same correlation id.',
};
