import { ArgsType, Field, Int } from 'type-graphql';
import { IssueStatus } from '../../domain/enums';
import { IssueFilter } from './issue.type';

@ArgsType()
export class IssueListArgs {
  @Field(() => IssueFilter, { nullable: true })
  filter?: IssueFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
export class DutiesArgs {
  @Field(() => [IssueStatus], { nullable: true })
  status?: IssueStatus[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
