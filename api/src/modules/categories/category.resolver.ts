import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { listCategories, setWorkCalendar, toCategoryType, updateCategory, workCalendar } from './category.service';
import { CalendarDayInput, CalendarDayType, CategoryType, UpdateCategoryInput } from './category.type';

@Resolver(() => CategoryType)
export class CategoryResolver {
  @Query(() => [CategoryType])
  async categories(@Ctx() ctx: Context): Promise<CategoryType[]> {
    return (await listCategories(ctx.em)).map(toCategoryType);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CategoryType, { description: 'ADMIN: rename a category or change its time limits (applies to issues reported afterwards).' })
  updateCategory(@Ctx() ctx: Context, @Arg('code', () => ID) code: string, @Arg('input', () => UpdateCategoryInput) input: UpdateCategoryInput): Promise<CategoryType> {
    return updateCategory(ctx.em, code, input);
  }

  @Authorized()
  @Query(() => [CalendarDayType], { description: 'Days that differ from the default week (Monday–Friday working) in a year: holidays and make-up working days.' })
  workCalendar(@Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<CalendarDayType[]> {
    return workCalendar(ctx.em, year);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => [CalendarDayType], { description: 'ADMIN: mark holidays and make-up working days; a day given again replaces the earlier entry.' })
  setWorkCalendar(@Ctx() ctx: Context, @Arg('days', () => [CalendarDayInput]) days: CalendarDayInput[]): Promise<CalendarDayType[]> {
    return setWorkCalendar(ctx.em, days);
  }
}
