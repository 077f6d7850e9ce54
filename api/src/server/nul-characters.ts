/**
 * PostgreSQL text cannot hold U+0000, and a NUL inside a statement's text cuts
 * it short on the wire. Every request is checked once, before it runs: a NUL
 * in any variable or string literal is bad input, never a failed statement.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import { AppError, ErrorCode } from '../errors';

export const NUL_MESSAGE = 'Text must not contain NUL (U+0000) characters.';

/** Whether a value (variables: strings, lists, input objects) holds a NUL anywhere. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([key, v]) => key.includes('\0') || containsNul(v));
  return false;
}

export function documentContainsNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes('\0')) found = true;
    },
  });
  return found;
}

export function nulInputError(): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, NUL_MESSAGE, { http: { status: 400 } });
}

export function nulCharacterGuard<TContext extends object>(): ApolloServerPlugin<TContext> {
  // Apollo hands out one parsed document per query text (its document store): each is walked once, not per request.
  const checked = new WeakMap<DocumentNode, boolean>();
  const hasNul = (document: DocumentNode) => {
    let found = checked.get(document);
    if (found === undefined) checked.set(document, (found = documentContainsNul(document)));
    return found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (containsNul(request.variables) || hasNul(document)) throw nulInputError();
        },
      };
    },
  };
}
