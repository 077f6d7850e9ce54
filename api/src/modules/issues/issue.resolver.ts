import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { IssueAction } from '../../domain/enums';
import { availableActions } from './available-actions';
import { notFound, unauthenticated } from '../../errors';
import type { Context } from '../../server/context';
import { RawJson, type JsonAnswerHandler } from '../../server/json-answers';
import type { IssueActionFactsRow, IssueEventRow, IssueRow } from './issue.row';
import { IssueListArgs } from './issue-list.args';
import { findDuplicateCandidates, findIssueInScope, listIssues, listIssuesAsJson, type IssuePage } from './issue.query';
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

  @FieldResolver(() => [IssueAction], {
    description: "Every move the current viewer may make on this issue now, from the one workflow table and the viewer's scope.",
  })
  availableActions(@Root() issue: IssueRow, @Ctx() ctx: Context): IssueAction[] {
    const facts = factsOf(issue);
    return availableActions(ctx.viewer, { ...facts, resolveDueAt: new Date(facts.resolveDueAt) });
  }

  @FieldResolver(() => [IssueType], {
    description: 'Open issues of the same category nearby (within meters, default 250) or in the same grid, newest first; staff only.',
  })
  duplicateCandidates(
    @Root() issue: IssueRow,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('within', () => Int, { nullable: true, defaultValue: 250 }) within: number,
    @Arg('first', () => Int, { nullable: true, defaultValue: 5 }) first: number,
  ): Promise<IssueRow[]> {
    return findDuplicateCandidates(ctx, factsOf(issue).id, { within: within ?? 250, first: first ?? 5 }, info);
  }
}

function factsOf(issue: IssueRow): IssueActionFactsRow {
  if (!issue.actionFacts) throw new Error('Issue planned without its action facts');
  return issue.actionFacts;
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

/**
 * `issues` as JSON text PostgreSQL wrote in the response's own shape, when only plain data is selected
 * (server/json-answers.ts, issue-json.ts); the same checks as the resolver above.
 */
export const issuesAsJson: JsonAnswerHandler = async (args, selection, ctx) => {
  if (!ctx.viewer) throw unauthenticated();
  const text = await listIssuesAsJson(ctx, args as IssueListArgs, selection);
  return text === null ? null : RawJson.text(text);
};
