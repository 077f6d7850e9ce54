import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { createPortalKey } from './portal.service';
import { PortalKeyType } from './portal-key.type';

@Resolver(() => PortalKeyType)
export class PortalResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => PortalKeyType)
  async createPortalKey(
    @Ctx() ctx: Context,
    @Arg('name', () => String) name: string,
    @Arg('allowedOrigins', () => [String]) allowedOrigins: string[],
  ): Promise<PortalKeyType> {
    const created = await createPortalKey(ctx.em, name, allowedOrigins, ctx.viewer);
    // CORS must let the new key's origins in at once on this replica.
    ctx.app.portalOrigins.invalidate();
    return created;
  }
}
