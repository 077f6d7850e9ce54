/**
 * A user signed in with a one-time password (from an import or a reset) may
 * do nothing but replace it: any operation with a root field other than
 * `changePassword`, `me` or introspection is refused with
 * PASSWORD_CHANGE_REQUIRED, before anything runs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type SelectionSetNode } from 'graphql';
import { AppError, ErrorCode } from '../errors';
import type { Context } from './context';

const ALLOWED = new Set(['changePassword', 'me', '__typename', '__schema', '__type']);

/** True when every root field (fragments included) is one a must-change user may call. */
function onlyAllowedFields(selectionSet: SelectionSetNode, fragments: Map<string, SelectionSetNode>, depth = 0): boolean {
  if (depth > 10) return false;
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return ALLOWED.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyAllowedFields(selection.selectionSet, fragments, depth + 1);
    const fragment = fragments.get(selection.name.value);
    return fragment !== undefined && onlyAllowedFields(fragment, fragments, depth + 1);
  });
}

export const passwordChangeRequired = () =>
  new AppError(ErrorCode.PASSWORD_CHANGE_REQUIRED, 'This account signed in with a one-time password: call changePassword before anything else.', {
    http: { status: 403 },
  });

export function passwordChangeGate<T extends Context>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      if (!contextValue.viewer?.mustChangePassword) return;
      return {
        async didResolveOperation({ operation, document }) {
          const fragments = new Map<string, SelectionSetNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
          }
          if (!operation || !onlyAllowedFields(operation.selectionSet, fragments)) throw passwordChangeRequired();
        },
      };
    },
  };
}
