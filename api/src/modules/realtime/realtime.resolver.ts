import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { IssueEventFilter, IssueEventObject } from '../issues/issue.type';
import { TrackedIssue } from '../tracking/tracked-issue.type';

/** Live feeds over graphql-ws. */
@Resolver()
export class RealtimeResolver {
  @Subscription(() => IssueEventObject, {
    description: "Staff feed of issue events within the caller's scope. With after, first replays every later event, then goes live.",
    subscribe: () => {
      throw new Error('not implemented yet');
    },
  })
  issueEvents(
    @Root() event: IssueEventObject,
    @Arg('filter', () => IssueEventFilter, { nullable: true }) filter?: IssueEventFilter | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): IssueEventObject {
    return event;
  }

  @Subscription(() => TrackedIssue, {
    description: 'Public: the current TrackedIssue at once, then again after every change.',
    subscribe: () => {
      throw new Error('not implemented yet');
    },
  })
  issueTracked(@Root() tracked: TrackedIssue, @Arg('trackingCode', () => String) trackingCode: string): TrackedIssue {
    return tracked;
  }
}
