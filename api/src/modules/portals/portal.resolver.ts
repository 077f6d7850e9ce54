import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { createPortalKey } from './portal.service';
import { PortalKeyType } from './portal-key.type';

@Resolver(() => PortalKeyType)
export class PortalResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => PortalKeyType)
  createPortalKey(
    @Ctx() ctx: Context,
    @Arg('name', () => String) name: string,
    @Arg('allowedOrigins', () => [String]) allowedOrigins: string[],
  ): Promise<PortalKeyType> {
    return createPortalKey(ctx.em, name, allowedOrigins);
  }
}
