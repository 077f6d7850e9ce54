import { ArgsType, Field } from 'type-graphql';

@ArgsType()
export class StatsRangeArgs {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}
