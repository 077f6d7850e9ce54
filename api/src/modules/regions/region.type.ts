import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { RegionLevel } from '../../domain/enums';

@ObjectType('Region', { simpleResolvers: true })
export class RegionType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => RegionLevel)
  level: RegionLevel;
}

@InputType('CreateRegionInput')
export class CreateRegionInput {
  @Field(() => String)
  name: string;

  @Field(() => RegionLevel)
  level: RegionLevel;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;
}
