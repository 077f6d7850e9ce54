import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { CadreType } from '../cadres/cadre.type';
import type { Cadre } from '../cadres/cadre.entity';
import { IssueListArgs } from '../issues/issue-list.args';
import { listIssues, type IssuePage } from '../issues/issue.query';
import { IssueConnection } from '../issues/issue.type';
import { RegionType } from '../regions/region.type';
import type { Region } from '../regions/region.entity';
import type { GridRow, RegionRow } from '../issues/issue.row';
import { StatsRangeArgs } from '../stats/stats.args';
import { IssueStats } from '../stats/issue-stats.type';
import { gridStats } from '../stats/stats.service';
import { Grid } from './grid.entity';
import type { GridWorker } from './grid-worker.entity';
import { createGrid, createGridWorker, gridAt, requireGrid, updateGrid } from './grid.service';
import { CreateGridInput, CreateGridWorkerInput, GridType, GridWorkerType, UpdateGridInput } from './grid.type';

@Resolver(() => GridType)
export class GridResolver {
  @Query(() => GridType, { nullable: true, description: 'NOT_FOUND for an unknown id.' })
  grid(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Grid> {
    return requireGrid(ctx.em, id, 'id');
  }

  @Query(() => GridType, { nullable: true, description: 'The grid whose boundary contains the point.' })
  gridAt(
    @Ctx() ctx: Context,
    @Arg('latitude', () => Float) latitude: number,
    @Arg('longitude', () => Float) longitude: number,
  ): Promise<Grid | null> {
    return gridAt(ctx.em, latitude, longitude);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => GridType)
  createGrid(@Ctx() ctx: Context, @Arg('input', () => CreateGridInput) input: CreateGridInput): Promise<Grid> {
    return createGrid(ctx.em, input, ctx.viewer);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => GridType)
  updateGrid(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateGridInput) input: UpdateGridInput): Promise<Grid> {
    return updateGrid(ctx.em, ctx.viewer, id, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => GridWorkerType)
  createGridWorker(@Ctx() ctx: Context, @Arg('input', () => CreateGridWorkerInput) input: CreateGridWorkerInput): Promise<GridWorker> {
    return createGridWorker(ctx.em, input, ctx.viewer);
  }

  @FieldResolver(() => RegionType)
  region(@Root() grid: Grid | GridRow, @Ctx() ctx: Context): Region | RegionRow | Promise<Region | null> {
    // A grid the issue planner built carries its region as selected; an entity loads it.
    if (grid instanceof Grid) return ctx.loaders.region.load(grid.region.id);
    if (!grid.region) throw new Error('Grid.region read from a row planned without its region');
    return grid.region;
  }

  @FieldResolver(() => [CadreType])
  cadres(@Root() grid: Grid | GridRow, @Ctx() ctx: Context): Promise<Cadre[]> {
    return ctx.loaders.cadresByGrid.load(grid.id);
  }

  @FieldResolver(() => [GridWorkerType])
  workers(@Root() grid: Grid | GridRow, @Ctx() ctx: Context): Promise<GridWorker[]> {
    return ctx.loaders.workersByGrid.load(grid.id);
  }

  @FieldResolver(() => IssueConnection)
  issues(
    @Root() grid: Grid | GridRow,
    @Ctx() ctx: Context,
    @Args(() => IssueListArgs) args: IssueListArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IssuePage> {
    return listIssues(ctx, { ...args, parent: { gridId: grid.id } }, info);
  }

  @FieldResolver(() => IssueStats)
  stats(@Root() grid: Grid | GridRow, @Ctx() ctx: Context, @Args(() => StatsRangeArgs) range: StatsRangeArgs): Promise<IssueStats> {
    return gridStats(ctx, grid, range);
  }
}

@Resolver(() => GridWorkerType)
export class GridWorkerResolver {
  @FieldResolver(() => GridType)
  async grid(@Root() worker: GridWorker, @Ctx() ctx: Context): Promise<Grid> {
    return (await ctx.loaders.grid.load(worker.grid.id))!;
  }
}
