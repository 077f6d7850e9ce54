import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context';
import { CadreType } from '../cadres/cadre.type';
import type { Cadre } from '../cadres/cadre.entity';
import { GridType } from '../grids/grid.type';
import type { Grid } from '../grids/grid.entity';
import { VisitInput, VisitType } from './visit.type';
import type { Visit } from './visit.entity';

@Resolver(() => VisitType)
export class VisitResolver {
  @Authorized()
  @Mutation(() => VisitType)
  recordVisit(@Ctx() ctx: Context, @Arg('input', () => VisitInput) input: VisitInput): Promise<Visit> {
    throw new Error('not implemented yet');
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
