import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../domain/enums';

@ObjectType('User', { simpleResolvers: true })
export class UserType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  username: string;

  @Field(() => String)
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => Boolean)
  active: boolean;
}

@ObjectType('OneTimePassword', { simpleResolvers: true })
export class OneTimePasswordType {
  @Field(() => String)
  username: string;

  @Field(() => String, { description: 'Shown once, in this answer; the user must change it at first sign-in.' })
  password: string;
}

@ObjectType('AuthPayload', { simpleResolvers: true })
export class AuthPayload {
  @Field(() => String)
  token: string;

  @Field(() => UserType)
  user: UserType;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String)
  username: string;

  @Field(() => String)
  password: string;

  @Field(() => String)
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID, { nullable: true })
  cadreId?: string | null;

  @Field(() => ID, { nullable: true })
  gridWorkerId?: string | null;

  @Field(() => ID, { nullable: true, description: "A cadre user with a scope region sees that region's whole subtree." })
  scopeRegionId?: string | null;
}
