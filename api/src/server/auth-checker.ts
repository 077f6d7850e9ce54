/** `@Authorized(roles)`: signed-in staff, optionally of the given roles. Fails with the contract's codes. */
import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors';
import type { Context } from './context';

export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.viewer.role)) {
    throw forbidden(`This needs one of the roles ${roles.join(', ')}.`);
  }
  return true;
};
