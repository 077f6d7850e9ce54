import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context';
import type { Category } from './category.entity';
import { listCategories } from './category.service';
import { CategoryType } from './category.type';

@Resolver(() => CategoryType)
export class CategoryResolver {
  @Query(() => [CategoryType])
  categories(@Ctx() ctx: Context): Promise<Category[]> {
    return listCategories(ctx.em);
  }
}
