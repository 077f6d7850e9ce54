import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../errors';
import type { Context } from '../../server/context';
import { CadreType } from '../cadres/cadre.type';
import type { Cadre } from '../cadres/cadre.entity';
import { CategoryType } from '../categories/category.type';
import type { Category } from '../categories/category.entity';
import { GridType } from '../grids/grid.type';
import type { Grid } from '../grids/grid.entity';
import { encodeEventCursor } from './event-cursor';
import type { Issue } from './issue.entity';
import type { IssueEvent } from './issue-event.entity';
import { IssueListArgs } from './issue-list.args';
import { findIssueInScope, listIssues, type IssuePage } from './issue.query';
import { isOverdue } from './issue-states';
import { FollowUpType, IssueConnection, IssueEventObject, IssueType, LocationType, ReporterType } from './issue.type';
import { reporterOf } from './reporter-privacy';

@Resolver(() => IssueType)
export class IssueResolver {
  @Authorized()
  @Query(() => IssueType, { nullable: true, description: 'NOT_FOUND for an unknown id and for an issue outside your scope alike.' })
  async issue(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Issue> {
    const issue = await findIssueInScope(ctx, id);
    if (!issue) throw notFound('Issue', id);
    return issue;
  }

  @Authorized()
  @Query(() => IssueConnection)
  issues(@Ctx() ctx: Context, @Args(() => IssueListArgs) args: IssueListArgs, @Info() info: GraphQLResolveInfo): Promise<IssuePage> {
    return listIssues(ctx, args, info);
  }

  @FieldResolver(() => CategoryType)
  category(@Root() issue: Issue, @Ctx() ctx: Context): Category | null | Promise<Category | null> {
    return ctx.loaders.category.get(issue.category.code);
  }

  @FieldResolver(() => GridType)
  grid(@Root() issue: Issue, @Ctx() ctx: Context): Grid | null | Promise<Grid | null> {
    return ctx.loaders.grid.get(issue.grid.id);
  }

  @FieldResolver(() => LocationType, { nullable: true })
  location(@Root() issue: Issue): LocationType | null {
    const { latitude, longitude, address } = issue;
    if (latitude == null && longitude == null && address == null) return null;
    return { latitude, longitude, address };
  }

  @FieldResolver(() => ReporterType)
  reporter(@Root() issue: Issue, @Ctx() ctx: Context): ReporterType {
    return reporterOf(ctx.viewer, issue);
  }

  @FieldResolver(() => CadreType, { nullable: true })
  assignee(@Root() issue: Issue, @Ctx() ctx: Context): Cadre | null | Promise<Cadre | null> {
    return issue.assignee ? ctx.loaders.cadre.get(issue.assignee.id) : null;
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() issue: Issue, @Ctx() ctx: Context): boolean {
    return isOverdue(issue, ctx.app.clock.now());
  }

  @FieldResolver(() => FollowUpType, { nullable: true })
  followUp(@Root() issue: Issue): FollowUpType | null {
    if (!issue.followUpMethod || !issue.followUpSatisfaction || !issue.followUpAt) return null;
    return {
      method: issue.followUpMethod,
      satisfaction: issue.followUpSatisfaction,
      comment: issue.followUpComment,
      at: issue.followUpAt,
      by: issue.followUpBy ?? '',
    };
  }

  @FieldResolver(() => [IssueEventObject])
  timeline(@Root() issue: Issue, @Ctx() ctx: Context): IssueEvent[] | Promise<IssueEvent[]> {
    return ctx.loaders.eventsByIssue.get(issue.id);
  }
}

@Resolver(() => IssueEventObject)
export class IssueEventResolver {
  @FieldResolver(() => ID)
  id(@Root() event: IssueEvent): string {
    return String(event.seq);
  }

  @FieldResolver(() => String, { description: 'Opaque, increasing; pass to issueEvents(after:) to replay what was missed.' })
  cursor(@Root() event: IssueEvent): string {
    return encodeEventCursor(event.seq);
  }

  /** Through the scope like every issue read: an event whose issue is out of scope (say, reassigned since) is NOT_FOUND. */
  @FieldResolver(() => IssueType)
  async issue(@Root() event: IssueEvent, @Ctx() ctx: Context): Promise<Issue> {
    const issue = await ctx.loaders.issueInScope.load(event.issue.id);
    if (!issue) throw notFound('Issue');
    return issue;
  }
}
