import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { unauthenticated } from '../../errors';
import type { Context } from '../../server/context';
import { CadreType } from '../cadres/cadre.type';
import type { Cadre } from '../cadres/cadre.entity';
import { GridType } from '../grids/grid.type';
import type { Grid } from '../grids/grid.entity';
import type { GridRow } from '../issues/issue.row';
import { createVisitLoader, gridVisits, recordVisit, type VisitLoader } from './visit.service';
import { VisitInput, VisitType } from './visit.type';
import type { Visit } from './visit.entity';

@Resolver(() => VisitType)
export class VisitResolver {
  @Authorized()
  @Mutation(() => VisitType)
  recordVisit(@Ctx() ctx: Context, @Arg('input', () => VisitInput) input: VisitInput): Promise<Visit> {
    if (!ctx.viewer) throw unauthenticated();
    return recordVisit(ctx.em, ctx.viewer, input);
  }

  @FieldResolver(() => GridType)
  async grid(@Root() visit: Visit, @Ctx() ctx: Context): Promise<Grid> {
    return (await ctx.loaders.grid.load(visit.grid.id))!;
  }

  @FieldResolver(() => CadreType, { nullable: true })
  async cadre(@Root() visit: Visit, @Ctx() ctx: Context): Promise<Cadre | null> {
    return visit.cadre ? ctx.loaders.cadre.load(visit.cadre.id) : null;
  }
}

/** One visit loader per request, kept beside the request's other loaders. */
const visitLoaders = new WeakMap<Context['loaders'], VisitLoader>();

function visitLoader(ctx: Context): VisitLoader {
  let loader = visitLoaders.get(ctx.loaders);
  if (!loader) {
    loader = createVisitLoader(ctx.em);
    visitLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

/** `Grid.visits`: the grid's latest visits, for staff who see the grid (empty for everyone else). */
@Resolver(() => GridType)
export class GridVisitsResolver {
  @FieldResolver(() => [VisitType], { description: "The grid's latest visits, newest first; empty unless you are staff who see this grid." })
  visits(
    @Root() grid: Grid | GridRow,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
  ): Promise<Visit[]> {
    return gridVisits(visitLoader(ctx), ctx.viewer, grid, first);
  }
}
