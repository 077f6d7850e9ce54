import { Arg, Authorized, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../server/context';
import { IssueEventFilter, IssueEventObject } from '../issues/issue.type';
import { TrackedIssue } from '../tracking/tracked-issue.type';
import type { IssueEventRow } from '../issues/issue.row';
import type { LivePayload } from './live-payload';

interface SubscribeData<Args> {
  args: Args;
  context: Context;
}

/**
 * Live feeds over graphql-ws. The streams come from the replica's
 * {@link Realtime}; each yields shared {@link LivePayload}s, and these fields
 * only unwrap them.
 */
@Resolver()
export class RealtimeResolver {
  @Authorized()
  @Subscription(() => IssueEventObject, {
    description: "Staff feed of issue events within the caller's scope. With after, first replays every later event, then goes live.",
    subscribe: ({ args, context }: SubscribeData<{ filter?: IssueEventFilter | null; after?: string | null }>) =>
      context.app.realtime.openEventFeed(context, args.filter, args.after),
  })
  issueEvents(
    @Root() payload: LivePayload<IssueEventRow>,
    @Arg('filter', () => IssueEventFilter, { nullable: true }) _filter?: IssueEventFilter | null,
    @Arg('after', () => String, { nullable: true }) _after?: string | null,
  ): IssueEventRow {
    return payload.value;
  }

  @Subscription(() => TrackedIssue, {
    description: 'Public: the current TrackedIssue at once, then again after every change.',
    subscribe: ({ args, context }: SubscribeData<{ trackingCode: string }>) => context.app.realtime.openTracker(args.trackingCode),
  })
  issueTracked(@Root() payload: LivePayload<TrackedIssue>, @Arg('trackingCode', () => String) _trackingCode: string): TrackedIssue {
    return payload.value;
  }
}
