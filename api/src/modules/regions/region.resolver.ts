import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { GridType } from '../grids/grid.type';
import type { Grid } from '../grids/grid.entity';
import { StatsRangeArgs } from '../stats/stats.args';
import { IssueStats } from '../stats/issue-stats.type';
import { regionStats } from '../stats/stats.service';
import { Region } from './region.entity';
import type { RegionRow } from '../issues/issue.row';
import { createRegion, listRegions, requireRegion } from './region.service';
import { CreateRegionInput, RegionType } from './region.type';

@Resolver(() => RegionType)
export class RegionResolver {
  @Query(() => [RegionType], { description: 'Top-level regions when parentId is omitted.' })
  regions(@Ctx() ctx: Context, @Arg('parentId', () => ID, { nullable: true }) parentId?: string | null): Promise<Region[]> {
    return listRegions(ctx.em, parentId);
  }

  @Query(() => RegionType, { nullable: true, description: 'NOT_FOUND for an unknown id.' })
  async region(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Region> {
    return requireRegion(ctx.em, id, 'id');
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RegionType, { description: 'Administration (ADMIN only).' })
  createRegion(@Ctx() ctx: Context, @Arg('input', () => CreateRegionInput) input: CreateRegionInput): Promise<Region> {
    return createRegion(ctx.em, input, ctx.viewer);
  }

  @FieldResolver(() => RegionType, { nullable: true })
  parent(@Root() region: Region | RegionRow, @Ctx() ctx: Context): Region | RegionRow | null | Promise<Region | null> {
    // A region the issue planner built carries its parent as selected; an entity loads it.
    if (region instanceof Region) return region.parent ? ctx.loaders.region.load(region.parent.id) : null;
    if (region.parent === undefined && region.parentId !== undefined) return region.parentId ? ctx.loaders.region.load(region.parentId) : null;
    if (region.parent === undefined) throw new Error('Region.parent read from a row planned without its parent');
    return region.parent;
  }

  @FieldResolver(() => [RegionType])
  children(@Root() region: Region | RegionRow, @Ctx() ctx: Context): Promise<Region[]> {
    return ctx.loaders.regionChildren.load(region.id);
  }

  @FieldResolver(() => [GridType])
  grids(@Root() region: Region | RegionRow, @Ctx() ctx: Context): Promise<Grid[]> {
    return ctx.loaders.gridsByRegion.load(region.id);
  }

  @FieldResolver(() => IssueStats)
  stats(@Root() region: Region | RegionRow, @Ctx() ctx: Context, @Args(() => StatsRangeArgs) range: StatsRangeArgs): Promise<IssueStats> {
    return regionStats(ctx, region, range);
  }
}
