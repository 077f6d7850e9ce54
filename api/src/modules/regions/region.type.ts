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

  @Field(() => String, { nullable: true, description: 'Administrative division code (行政区划代码), unique when set.' })
  code?: string | null;
}

@InputType('CreateRegionInput')
export class CreateRegionInput {
  @Field(() => String)
  name: string;

  @Field(() => RegionLevel)
  level: RegionLevel;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  code?: string | null;
}
