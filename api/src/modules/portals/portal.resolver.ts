import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { PortalKey } from './portal-key.entity';
import { createPortalKey } from './portal.service';
import { PortalKeyType } from './portal-key.type';

@Resolver(() => PortalKeyType)
export class PortalResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [PortalKeyType], { description: 'ADMIN: every portal key with its allowed origins, oldest first (the keys themselves are never shown again).' })
  async portalKeys(@Ctx() ctx: Context): Promise<PortalKeyType[]> {
    const keys = await ctx.em.find(PortalKey, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return keys.map((k) => ({ id: k.id, name: k.name, key: null, allowedOrigins: k.allowedOrigins }));
  }

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
