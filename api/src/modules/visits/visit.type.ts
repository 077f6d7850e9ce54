import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { VisitKind } from '../../domain/enums';

@ObjectType('Visit', { simpleResolvers: true })
export class VisitType {
  @Field(() => ID)
  id: string;

  @Field(() => VisitKind)
  kind: VisitKind;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => Int, { nullable: true })
  households?: number | null;

  @Field(() => Date)
  at: Date;
}

@InputType('VisitInput')
export class VisitInput {
  @Field(() => ID)
  gridId: string;

  @Field(() => VisitKind)
  kind: VisitKind;

  @Field(() => String, { nullable: true })
  notes?: string | null;

  @Field(() => Int, { nullable: true })
  households?: number | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
