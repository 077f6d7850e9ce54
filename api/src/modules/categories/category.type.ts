import { Field, ID, Int, ObjectType } from 'type-graphql';

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
}
