import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../server/context';
import type { Issue } from './issue.entity';
import { FollowUpInput, IssueType } from './issue.type';

const NOT_YET = 'not implemented yet';

/** The life-cycle mutations. Each calls the workflow service; none decides a transition itself. */
@Resolver()
export class IssueWorkflowResolver {
  @Mutation(() => IssueType)
  acceptIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  rejectIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  assignIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  escalateIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  startIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  commentIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('publicNote', () => String, { nullable: true }) publicNote?: string | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  resolveIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('resolution', () => String) resolution: string,
    @Arg('publicNote', () => String, { nullable: true }) publicNote?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  recordFollowUp(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => FollowUpInput) input: FollowUpInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  closeIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }

  @Mutation(() => IssueType)
  reopenIssue(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Issue> {
    throw new Error(NOT_YET);
  }
}
