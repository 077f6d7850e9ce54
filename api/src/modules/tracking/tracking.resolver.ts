import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context';
import { ReportIssueInput } from '../issues/issue.type';
import { ReportIssuePayload, TrackedIssue } from './tracked-issue.type';

/** The public side of an issue: report it, follow it by tracking code. */
@Resolver()
export class TrackingResolver {
  @Mutation(() => ReportIssuePayload)
  reportIssue(@Ctx() ctx: Context, @Arg('input', () => ReportIssueInput) input: ReportIssueInput): Promise<ReportIssuePayload> {
    throw new Error('not implemented yet');
  }

  @Query(() => TrackedIssue, { nullable: true })
  trackIssue(@Ctx() ctx: Context, @Arg('trackingCode', () => String) trackingCode: string): Promise<TrackedIssue | null> {
    throw new Error('not implemented yet');
  }
}
