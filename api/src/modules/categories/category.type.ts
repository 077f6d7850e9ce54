import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { TimeUnit } from '../../domain/enums';

@ObjectType('TimeLimit', { simpleResolvers: true })
export class TimeLimitType {
  @Field(() => Int)
  amount: number;

  @Field(() => TimeUnit)
  unit: TimeUnit;
}

@InputType('TimeLimitInput')
export class TimeLimitInput {
  @Field(() => Int)
  amount: number;

  @Field(() => TimeUnit)
  unit: TimeUnit;
}

@InputType('UpdateCategoryInput')
export class UpdateCategoryInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  nameEn?: string | null;

  @Field(() => TimeLimitInput, { nullable: true })
  responseLimit?: TimeLimitInput | null;

  @Field(() => TimeLimitInput, { nullable: true })
  resolveLimit?: TimeLimitInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Resolving needs at least one AFTER photo (for every open issue of the category).' })
  requiresAfterPhoto?: boolean | null;
}

@ObjectType('CalendarDay', { simpleResolvers: true })
export class CalendarDayType {
  @Field(() => String, { description: 'YYYY-MM-DD in the deployment\'s time zone.' })
  date: string;

  @Field(() => Boolean)
  workday: boolean;

  @Field(() => String, { nullable: true, description: 'e.g. 国庆节 or 调休上班.' })
  name?: string | null;
}

@InputType('CalendarDayInput')
export class CalendarDayInput {
  @Field(() => String)
  date: string;

  @Field(() => Boolean)
  workday: boolean;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@ObjectType('Category', { simpleResolvers: true })
export class CategoryType {
  @Field(() => ID)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => String)
  group: string;

  @Field(() => Int)
  responseHours: number;

  @Field(() => Int)
  resolveHours: number;

  @Field(() => Boolean, { description: 'Resolving needs at least one AFTER photo.' })
  requiresAfterPhoto: boolean;
  @Field(() => TimeLimitType)
  responseLimit: TimeLimitType;

  @Field(() => TimeLimitType)
  resolveLimit: TimeLimitType;
}
