import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context';
import { ReportIssueInput } from '../issues/issue.type';
import { withReportAccess } from '../portals/report-access';
import { parseReportInput } from './report-input';
import { submitReport } from './report.service';
import { ReportIssuePayload, TrackedIssue } from './tracked-issue.type';

/** The public side of an issue: report it, follow it by tracking code. */
@Resolver()
export class TrackingResolver {
  @Mutation(() => ReportIssuePayload)
  async reportIssue(@Ctx() ctx: Context, @Arg('input', () => ReportIssueInput) input: ReportIssueInput): Promise<ReportIssuePayload> {
    // Invalid input is refused before anything counts against the caller's limits.
    parseReportInput(input);
    const { trackingCode, issue } = await withReportAccess(ctx, input.idempotencyKey, (scope) =>
      submitReport(ctx.em, { scope, actorName: ctx.viewer?.displayName ?? null, input, events: ctx.app.events, workTime: ctx.app.config.workTime }),
    );
    return { trackingCode, issue };
  }

  /** Needs no key: the unguessable code is the secret. Every open tracker asks again and again: kept while nothing changed. */
  @Query(() => TrackedIssue, { nullable: true })
  trackIssue(@Ctx() ctx: Context, @Arg('trackingCode', () => String) trackingCode: string): Promise<TrackedIssue | null> {
    return ctx.app.trackedIssues.get(trackingCode);
  }
}
