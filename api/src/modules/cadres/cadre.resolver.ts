import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CadreLevel, Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { GridType } from '../grids/grid.type';
import type { Grid } from '../grids/grid.entity';
import type { CadreRow } from '../issues/issue.row';
import { DutiesArgs } from '../issues/issue-list.args';
import { listIssues, type IssuePage } from '../issues/issue.query';
import { IssueConnection } from '../issues/issue.type';
import { StatsRangeArgs } from '../stats/stats.args';
import { IssueStats } from '../stats/issue-stats.type';
import { cadreStats } from '../stats/stats.service';
import type { Cadre } from './cadre.entity';
import { assignCadre, createCadre, listCadres, requireCadre, unassignCadre } from './cadre.service';
import { CadreType, CreateCadreInput } from './cadre.type';

@Resolver(() => CadreType)
export class CadreResolver {
  @Query(() => CadreType, { nullable: true, description: 'NOT_FOUND for an unknown id.' })
  cadre(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Cadre> {
    return requireCadre(ctx.em, id, 'id');
  }

  @Query(() => [CadreType])
  cadres(
    @Ctx() ctx: Context,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string | null,
    @Arg('level', () => CadreLevel, { nullable: true }) level?: CadreLevel | null,
  ): Promise<Cadre[]> {
    return listCadres(ctx.em, regionId, level);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CadreType)
  createCadre(@Ctx() ctx: Context, @Arg('input', () => CreateCadreInput) input: CreateCadreInput): Promise<Cadre> {
    return createCadre(ctx.em, input, ctx.viewer);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CadreType)
  async assignCadre(
    @Ctx() ctx: Context,
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('gridId', () => ID) gridId: string,
  ): Promise<Cadre> {
    const cadre = await assignCadre(ctx.em, cadreId, gridId, ctx.viewer);
    // Open live feeds on this replica see the new scope at once (others within their refresh period).
    void ctx.app.realtime.viewers.refresh();
    return cadre;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CadreType)
  async unassignCadre(
    @Ctx() ctx: Context,
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('gridId', () => ID) gridId: string,
  ): Promise<Cadre> {
    const cadre = await unassignCadre(ctx.em, cadreId, gridId, ctx.viewer);
    void ctx.app.realtime.viewers.refresh();
    return cadre;
  }

  @FieldResolver(() => [GridType])
  grids(@Root() cadre: Cadre | CadreRow, @Ctx() ctx: Context): Promise<Grid[]> {
    return ctx.loaders.gridsByCadre.load(cadre.id);
  }

  @FieldResolver(() => IssueConnection, { description: 'The duty list: issues assigned to this cadre.' })
  duties(@Root() cadre: Cadre | CadreRow, @Ctx() ctx: Context, @Args(() => DutiesArgs) args: DutiesArgs, @Info() info: GraphQLResolveInfo): Promise<IssuePage> {
    return listIssues(ctx, {
      first: args.first,
      after: args.after,
      order: 'deadline',
      filter: args.status ? { status: args.status } : null,
      parent: { assigneeId: cadre.id },
    }, info);
  }

  @FieldResolver(() => IssueStats)
  stats(@Root() cadre: Cadre | CadreRow, @Ctx() ctx: Context, @Args(() => StatsRangeArgs) range: StatsRangeArgs): Promise<IssueStats> {
    return cadreStats(ctx, cadre, range);
  }
}
