import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('PortalKey', { simpleResolvers: true })
export class PortalKeyType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true, description: 'Shown once, on creation.' })
  key?: string | null;

  @Field(() => [String])
  allowedOrigins: string[];
}
