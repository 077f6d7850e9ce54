import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { PerformanceGroup } from '../../domain/enums';
import { unauthenticated } from '../../errors';
import type { Context } from '../../server/context';
import { RawJson, type JsonAnswerHandler } from '../../server/json-answers';
import { performance, performanceJson, type PerformanceArgs } from './performance.service';
import { PerformanceRowType } from './performance.type';

@Resolver()
export class PerformanceResolver {
  @Authorized()
  @Query(() => [PerformanceRowType], { description: '考核: admins, and cadres with a scope region (within it).' })
  performance(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => PerformanceGroup) groupBy: PerformanceGroup,
    @Arg('regionId', () => ID, { nullable: true }) regionId?: string | null,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<PerformanceRowType[]> {
    if (!ctx.viewer) throw unauthenticated();
    return performance(ctx.em, ctx.viewer, { groupBy, regionId, from, to }, ctx.app.config.performanceWeights);
  }
}

/**
 * The same field as JSON text built by PostgreSQL, when only plain columns are selected (server/json-answers.ts);
 * the same checks as the resolver above.
 */
export const performanceAsJson: JsonAnswerHandler = async (args, selection, ctx) => {
  if (!ctx.viewer) throw unauthenticated();
  const rows = await performanceJson(ctx.em, ctx.viewer, args as unknown as PerformanceArgs, ctx.app.config.performanceWeights, selection);
  return rows && RawJson.array(rows);
};
