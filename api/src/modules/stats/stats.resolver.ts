import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '../../errors';
import type { Context } from '../../server/context';
import { requireGrid } from '../grids/grid.service';
import { requireRegion } from '../regions/region.service';
import { StatsRangeArgs } from './stats.args';
import { IssueStats } from './issue-stats.type';
import { gridStats, overallStats, regionStats } from './stats.service';

@Resolver()
export class StatsResolver {
  @Query(() => IssueStats)
  async issueStats(
    @Ctx() ctx: Context,
    @Args(() => StatsRangeArgs) range: StatsRangeArgs,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string | null,
    @Arg('gridId', () => ID, { nullable: true }) gridId?: string | null,
  ): Promise<IssueStats> {
    if (regionId && gridId) throw badInput('Give regionId or gridId, not both.', 'gridId');
    if (gridId) return gridStats(ctx, await requireGrid(ctx.em, gridId), range);
    if (regionId) return regionStats(ctx, await requireRegion(ctx.em, regionId), range);
    return overallStats(ctx, range);
  }
}
