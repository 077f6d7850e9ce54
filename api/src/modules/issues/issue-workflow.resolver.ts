import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Resolver } from 'type-graphql';
import { runSql, sql } from '../../db/sql';
import { ReturnReason } from '../../domain/enums';
import { isUuid, optionalText } from '../../domain/validate';
import { notFound, unauthenticated } from '../../errors';
import type { Context } from '../../server/context';
import type { IssueRow } from './issue.row';
import { readIssueAfterWrite } from './issue.query';
import { FollowUpInput, IssueType } from './issue.type';
import * as workflow from './issue-workflow.service';

/** The acting staff member of a request (every mutation here is @Authorized). */
function actor(ctx: Context): workflow.WorkflowActor {
  if (!ctx.viewer) throw unauthenticated();
  return { em: ctx.em, viewer: ctx.viewer, events: ctx.app.events, timeZone: ctx.app.config.workTime.timeZone };
}

/** The mutation's answer: the changed issue as the mutation's selection asks for it. */
async function answer(ctx: Context, info: GraphQLResolveInfo, done: Promise<Pick<workflow.TransitionResult, 'id'>>): Promise<IssueRow> {
  const { id } = await done;
  const issue = await readIssueAfterWrite(ctx, id, info);
  if (!issue) throw notFound('Issue', id);
  return issue;
}

/**
 * A return visit sent with an idempotency key (a phone that kept it offline and
 * may send it twice) is recorded once: when the issue's latest return visit
 * carries the same key, the answer is the issue as it is now, with no move.
 * A duplicate that loses a race gets CONFLICT from the workflow, then finds its key.
 */
async function followUpOnce(
  ctx: Context,
  id: string,
  idempotencyKey: string | null | undefined,
  record: (scopedKey: string | null) => Promise<Pick<workflow.TransitionResult, 'id'>>,
): Promise<Pick<workflow.TransitionResult, 'id'>> {
  const key = optionalText(idempotencyKey, 'input.idempotencyKey', 200);
  if (!key || !ctx.viewer || !isUuid(id)) return record(null);
  // Kept with the sender's id: one person's key never answers for another's return visit.
  const scopedKey = `${ctx.viewer.userId}:${key}`;
  const recordedBefore = async () => {
    const [row] = await runSql<{ follow_up_key: string | null }>(ctx.em, sql.query`select follow_up_key from issue where id = ${sql.value(id)}::uuid`);
    return row?.follow_up_key === scopedKey;
  };
  if (await recordedBefore()) return { id };
  try {
    return await record(scopedKey);
  } catch (error) {
    if (await recordedBefore()) return { id };
    throw error;
  }
}

/** The life-cycle mutations. Each calls the workflow service; none decides a transition itself. */
@Resolver()
export class IssueWorkflowResolver {
  @Authorized()
  @Mutation(() => IssueType)
  acceptIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.acceptIssue(actor(ctx), id, { note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  rejectIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.rejectIssue(actor(ctx), id, { reason, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  assignIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.assignIssue(actor(ctx), id, { cadreId, note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  escalateIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.escalateIssue(actor(ctx), id, { cadreId, note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  startIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.startIssue(actor(ctx), id, { note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  commentIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('publicNote', () => String, { nullable: true }) publicNote?: string | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.commentIssue(actor(ctx), id, { note, publicNote }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  resolveIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('resolution', () => String) resolution: string,
    @Arg('publicNote', () => String, { nullable: true }) publicNote?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.resolveIssue(actor(ctx), id, { resolution, publicNote, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  recordFollowUp(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => FollowUpInput) input: FollowUpInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(
      ctx,
      info,
      followUpOnce(ctx, id, input.idempotencyKey, (scopedKey) =>
        workflow.recordFollowUp(actor(ctx), id, { input: { ...input, idempotencyKey: scopedKey }, expectedVersion }),
      ),
    );
  }

  @Authorized()
  @Mutation(() => IssueType)
  closeIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.closeIssue(actor(ctx), id, { note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType)
  reopenIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.reopenIssue(actor(ctx), id, { reason, expectedVersion }));
  }

  // ---------------------------------------------------------------- dispatch (退单, 改派, 延期, 催办, 督办, 合并)

  @Authorized()
  @Mutation(() => IssueType, { description: 'The assignee sends the issue back to dispatch, with a reason (ASSIGNED or IN_PROGRESS → RETURNED).' })
  returnIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => ReturnReason) reason: ReturnReason,
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.returnIssue(actor(ctx), id, { reason, note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: 'A dispatcher in scope hands it to another cadre (RETURNED, ASSIGNED or IN_PROGRESS → ASSIGNED).' })
  reassignIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('cadreId', () => ID) cadreId: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.reassignIssue(actor(ctx), id, { cadreId, note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: 'A dispatcher refuses the return: back to the same assignee (RETURNED → ASSIGNED).' })
  refuseReturn(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.refuseReturn(actor(ctx), id, { note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: 'The assignee asks, before the resolve deadline, for a later one.' })
  requestExtension(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('until', () => Date) until: Date,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.requestExtension(actor(ctx), id, { until, reason, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: 'A supervisor in scope (not the requester) approves or denies the pending request.' })
  decideExtension(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.decideExtension(actor(ctx), id, { approve, note, expectedVersion }));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: "催办: chase the assignee; reaches the assignee's live feed at once." })
  urgeIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.urgeIssue(actor(ctx), id, { note }));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: '督办: put under (or take off) supervision.' })
  superviseIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('supervised', () => Boolean) supervised: boolean,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.superviseIssue(actor(ctx), id, { supervised, note }));
  }

  @Authorized()
  @Mutation(() => IssueType, { description: 'Merge a duplicate into a primary open issue in scope; the duplicate becomes MERGED.' })
  mergeIssue(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID) id: string,
    @Arg('intoId', () => ID) intoId: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<IssueRow> {
    return answer(ctx, info, workflow.mergeIssue(actor(ctx), id, { intoId, note }));
  }
}
