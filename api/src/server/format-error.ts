/**
 * What clients see of an error: our own codes pass through; GraphQL's own
 * request errors keep their codes; anything unexpected is masked as
 * INTERNAL_SERVER_ERROR with a correlation id that the log carries too.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError, ErrorCode } from '../errors';
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './database-outage';
import { withoutSuggestions } from './hardening';
import type { Logger } from './logger';

const PASS_THROUGH = new Set<string>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: withoutStack(original.extensions) };
    }
    const code = formatted.extensions?.code;
    const isRequestError = typeof code === 'string' && PASS_THROUGH.has(code) && !(original instanceof Error && !(original instanceof GraphQLError));
    if (isRequestError) {
      // Also variable-coercion errors ("Did you mean the enum value …?"), which Apollo's own hiding misses.
      return { message: withoutSuggestions(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    if (isDatabaseUnavailable(original)) {
      // An outage, not a bug: a plain message and a reason clients can act on (retry); HTTP 503 comes from database-outage.ts.
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return { message: DATABASE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reason: DATABASE_UNAVAILABLE } };
    }
    const correlationId = randomUUID();
    logger.error({ err: original, correlationId, path: formatted.path }, 'unexpected error');
    return {
      message: `Internal server error (correlation id ${correlationId}).`,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, correlationId },
    };
  };
}

function withoutStack(extensions: Record<string, unknown>): Record<string, unknown> {
  const { stacktrace: _stacktrace, http: _http, ...rest } = extensions;
  return rest;
}
