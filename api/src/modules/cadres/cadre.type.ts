import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CadreLevel } from '../../domain/enums';

@ObjectType('Cadre', { simpleResolvers: true })
export class CadreType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => CadreLevel)
  level: CadreLevel;

  @Field(() => String, { description: 'The unit the cadre comes from, e.g. the city civil affairs bureau.' })
  unit: string;
}

@InputType('CreateCadreInput')
export class CreateCadreInput {
  @Field(() => String)
  name: string;

  @Field(() => CadreLevel)
  level: CadreLevel;

  @Field(() => String)
  unit: string;

  @Field(() => ID, { nullable: true })
  regionId?: string | null;
}
