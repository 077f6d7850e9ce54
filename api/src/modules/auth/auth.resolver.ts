import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { CadreType } from '../cadres/cadre.type';
import type { Cadre } from '../cadres/cadre.entity';
import { GridWorkerType } from '../grids/grid.type';
import { GridWorker } from '../grids/grid-worker.entity';
import { createUser, login } from './auth.service';
import { User } from './user.entity';
import { AuthPayload, CreateUserInput, UserType } from './user.type';

@Resolver(() => UserType)
export class AuthResolver {
  @Query(() => UserType, { nullable: true })
  me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.viewer ? ctx.em.findOne(User, { id: ctx.viewer.userId }) : Promise.resolve(null);
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
    return createUser(ctx.em, input);
  }

  @FieldResolver(() => CadreType, { nullable: true })
  async cadre(@Root() user: User, @Ctx() ctx: Context): Promise<Cadre | null> {
    return user.cadre ? ctx.loaders.cadre.load(user.cadre.id) : null;
  }

  @FieldResolver(() => GridWorkerType, { nullable: true })
  async gridWorker(@Root() user: User, @Ctx() ctx: Context): Promise<GridWorker | null> {
    return user.gridWorker ? ctx.em.findOne(GridWorker, { id: user.gridWorker.id }) : null;
  }
}
