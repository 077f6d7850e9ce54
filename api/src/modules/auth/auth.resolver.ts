import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { CadreType } from '../cadres/cadre.type';
import type { Cadre } from '../cadres/cadre.entity';
import { GridWorkerType } from '../grids/grid.type';
import { GridWorker } from '../grids/grid-worker.entity';
import type { Region } from '../regions/region.entity';
import { RegionType } from '../regions/region.type';
import { changePassword, createUser, listUsers, login, resetPassword, setUserActive } from './auth.service';
import { User } from './user.entity';
import { AuthPayload, CreateUserInput, OneTimePasswordType, UserType } from './user.type';

@Resolver(() => UserType)
export class AuthResolver {
  @Query(() => UserType, { nullable: true })
  me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.viewer ? ctx.em.findOne(User, { id: ctx.viewer.userId }) : Promise.resolve(null);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [UserType], { description: 'ADMIN: accounts by username, optionally those whose username or display name contains search.' })
  users(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first?: number,
  ): Promise<User[]> {
    return listUsers(ctx.em, search ?? null, first ?? 100);
  }

  @Mutation(() => AuthPayload)
  login(
    @Ctx() ctx: Context,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
  ): Promise<{ token: string; user: User }> {
    return ctx.app.loginGuard.run(ctx, username, () => login(ctx.em, ctx.app.tokens, username, password));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserType)
  createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<User> {
    return createUser(ctx.em, input, ctx.viewer);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserType, { description: "ADMIN: a deactivated user's tokens stop working at once; history is kept." })
  async setUserActive(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('active', () => Boolean) active: boolean): Promise<User> {
    const user = await setUserActive(ctx.em, ctx.viewer, id, active);
    // HTTP requests reload the viewer each time (refused at once everywhere); live feeds here go blind now, elsewhere at their next refresh.
    void ctx.app.realtime.viewers.refresh();
    return user;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OneTimePasswordType, { description: 'ADMIN: a new one-time password for a user (shown once).' })
  resetPassword(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<OneTimePasswordType> {
    return resetPassword(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'The signed-in user changes its own password; a one-time password must be changed before anything else.' })
  changePassword(
    @Ctx() ctx: Context,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<boolean> {
    return changePassword(ctx.em, ctx.viewer, currentPassword, newPassword);
  }

  @FieldResolver(() => CadreType, { nullable: true })
  async cadre(@Root() user: User, @Ctx() ctx: Context): Promise<Cadre | null> {
    return user.cadre ? ctx.loaders.cadre.load(user.cadre.id) : null;
  }

  @FieldResolver(() => RegionType, {
    nullable: true,
    description:
      "A cadre user's scope region: it sees the region's whole subtree and dispatches there (reassigns, decides extensions, urges, supervises, merges). Null for everyone else.",
  })
  async scopeRegion(@Root() user: User, @Ctx() ctx: Context): Promise<Region | null> {
    return user.role === Role.CADRE && user.scopeRegion ? ctx.loaders.region.load(user.scopeRegion.id) : null;
  }

  @FieldResolver(() => GridWorkerType, { nullable: true })
  async gridWorker(@Root() user: User, @Ctx() ctx: Context): Promise<GridWorker | null> {
    return user.gridWorker ? ctx.em.findOne(GridWorker, { id: user.gridWorker.id }) : null;
  }
}
