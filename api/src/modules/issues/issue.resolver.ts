import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../errors';
import type { Context } from '../../server/context';
import type { IssueEventRow, IssueRow } from './issue.row';
import { IssueListArgs } from './issue-list.args';
import { findIssueInScope, listIssues, type IssuePage } from './issue.query';
import { IssueConnection, IssueEventObject, IssueType, ReporterType } from './issue.type';
import { recordContactRead } from '../audit/contact-reads';
import { reporterOf, showsContactDetails } from './reporter-privacy';

/**
 * Issue reads. The planner (issue.query.ts) answers each root field with the
 * whole object the query selected; GraphQL reads its plain fields directly.
 * Only values that are not plain data keep a resolver here.
 */
@Resolver(() => IssueType)
export class IssueResolver {
  @Authorized()
  @Query(() => IssueType, { nullable: true, description: 'NOT_FOUND for an unknown id and for an issue outside your scope alike.' })
  async issue(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Info() info: GraphQLResolveInfo): Promise<IssueRow> {
    const issue = await findIssueInScope(ctx, id, info);
    if (!issue) throw notFound('Issue', id);
    return issue;
  }

  @Authorized()
  @Query(() => IssueConnection)
  issues(@Ctx() ctx: Context, @Args(() => IssueListArgs) args: IssueListArgs, @Info() info: GraphQLResolveInfo): Promise<IssuePage> {
    return listIssues(ctx, args, info);
  }

  /** Masked for most viewers: the one place contact details are read (reporter-privacy.ts). */
  @FieldResolver(() => ReporterType)
  async reporter(@Root() issue: IssueRow, @Ctx() ctx: Context): Promise<ReporterType> {
    if (!issue.contact) throw new Error('Issue.reporter read from a row planned without its contact');
    // Shown in full: audited before the answer leaves (who, when, which issue; never the details).
    if (ctx.viewer && showsContactDetails(ctx.viewer, issue.contact)) await recordContactRead(ctx.em, ctx.viewer, issue.contact.issueId);
    return reporterOf(ctx.viewer, issue.contact);
  }
}

@Resolver(() => IssueEventObject)
export class IssueEventResolver {
  /**
   * Through the scope like every issue read: an event whose issue is out of
   * scope (say, reassigned since) is NOT_FOUND. Planned with the event in a
   * timeline; read on its own for a live event.
   */
  @FieldResolver(() => IssueType)
  async issue(@Root() event: IssueEventRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<IssueRow> {
    const issue = event.issue !== undefined ? event.issue : await findIssueInScope(ctx, event.issueId, info);
    if (!issue) throw notFound('Issue');
    return issue;
  }
}
