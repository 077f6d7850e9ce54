/**
 * Every life-cycle transition, one database transaction each:
 *   1. find the issue through the viewer's scope and lock its row
 *      (`select … for update`; out of scope is NOT_FOUND),
 *   2. ask the workflow table whether the move is legal (CONFLICT with
 *      `extensions.currentStatus` if not), who may make it (FORBIDDEN),
 *      and compare `expectedVersion` (CONFLICT when stale),
 *   3. update the issue (`… where version = ?`, version + 1),
 *   4. append the event(s) under the event-append lock,
 *   5. commit, then tell the event notifier.
 * Two people making the same move at once: the second waits for the row
 * lock, then finds the new status (or version) and gets CONFLICT.
 *
 * The functions take an em and an actor rather than a GraphQL context, so
 * seeders, fixtures and other modules can drive the workflow too.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import { CADRE_LEVEL_RANK, FollowUpMethod, IssueStatus, Role, Satisfaction, type CadreLevel, type ReturnReason } from '../../domain/enums';
import { isUuid, optionalText, requireText } from '../../domain/validate';
import { DEFAULT_WORK_TIME, localMinute } from '../../domain/work-time';
import { badInput, conflict, forbidden, notFound } from '../../errors';
import { issueScopeSql } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import { requireCadre } from '../cadres/cadre.service';
import type { EventNotifier } from '../realtime/event-notifier';
import { recordInLedger } from '../performance/assignment-ledger';
import { appendIssueEvents } from './event-append';
import { requireAfterPhotoIfAsked } from '../photos/photo-attach.service';
import { stateRefusal, type IssueActionFacts } from './available-actions';
import { allowedActions, followUpAction, transitionFor, type WorkflowAction } from './issue.workflow';
import { mayPerform, whoMay } from './workflow-permissions';

/** Who acts, and where: what a transition needs besides its arguments. */
export interface WorkflowActor {
  em: EntityManager;
  viewer: Viewer;
  /** Told after each commit that appended events. */
  events: EventNotifier;
  /** The clock (the demo seeder and test fixtures bring their own). */
  now?: () => Date;
  /** Where deadlines in notes are written in local time (TIME_ZONE); Asia/Shanghai when not given. */
  timeZone?: string;
}

const NOTE_MAX = 2000;

/** The issue row as locked: only what the rules need. */
export interface LockedIssue extends IssueActionFacts {
  id: string;
  acceptedAt: Date | null;
  urgeCount: number;
}

/** Per appended event: its staff note and public note. */
interface StepNotes {
  note?: string | null;
  publicNote?: string | null;
}

/** What a transition may change on the issue row besides status, version and updated_at. */
export interface IssueChanges {
  assigneeId?: string;
  acceptedAt?: Date;
  resolution?: string | null;
  resolvedAt?: Date | null;
  followUpMethod?: FollowUpMethod;
  followUpSatisfaction?: Satisfaction;
  followUpComment?: string | null;
  followUpAt?: Date;
  followUpBy?: string;
  followUpKey?: string | null;
  returnReason?: ReturnReason | null;
  supervised?: boolean;
  urgeCount?: number;
  mergedIntoId?: string;
  resolveDueAt?: Date;
  extendedTo?: Date;
}

/** Each change's column: the compiler checks that every change has one and nothing else is written. */
const CHANGE_COLUMNS: { readonly [K in keyof Required<IssueChanges>]: string } = {
  assigneeId: 'assignee_id',
  acceptedAt: 'accepted_at',
  resolution: 'resolution',
  resolvedAt: 'resolved_at',
  followUpMethod: 'follow_up_method',
  followUpSatisfaction: 'follow_up_satisfaction',
  followUpComment: 'follow_up_comment',
  followUpAt: 'follow_up_at',
  followUpBy: 'follow_up_by',
  followUpKey: 'follow_up_key',
  returnReason: 'return_reason',
  supervised: 'supervised',
  urgeCount: 'urge_count',
  mergedIntoId: 'merged_into_id',
  resolveDueAt: 'resolve_due_at',
  extendedTo: 'extended_to',
};

/** `column = value` for each change that is present. */
function assignments(changes: IssueChanges): SQL[] {
  return (Object.keys(CHANGE_COLUMNS) as (keyof IssueChanges)[])
    .filter((key) => changes[key] !== undefined)
    .map((key) => sql.fragment`${sql.identifier(CHANGE_COLUMNS[key])} = ${sql.value(changes[key])}`);
}

/** What a transition did: enough for the caller to read the issue back. */
export interface TransitionResult {
  id: string;
  status: IssueStatus;
  version: number;
}

/** What a transition writes, decided once the issue is locked. */
interface Outcome {
  set?: IssueChanges;
  /** Notes for each step of the transition, in order (missing ones are empty). */
  notes?: StepNotes[];
}

interface TransitionRequest {
  action: WorkflowAction;
  expectedVersion?: number | null;
  /** Whether the move counts as a change of version (a comment does not). */
  bumpsVersion?: boolean;
  decide(tx: EntityManager, issue: LockedIssue, now: Date): Promise<Outcome> | Outcome;
}

/** "An issue that is RESOLVED cannot be accepted." */
const DONE: Record<WorkflowAction, string> = {
  accept: 'accepted',
  reject: 'rejected',
  assign: 'assigned',
  escalate: 'escalated',
  start: 'started',
  comment: 'commented on',
  resolve: 'resolved',
  followUpSatisfied: 'followed up',
  followUpUnsatisfied: 'followed up',
  close: 'closed',
  reopen: 'reopened',
  return: 'returned',
  reassign: 'reassigned',
  refuseReturn: 'refused a return',
  requestExtension: 'given an extension request',
  approveExtension: 'given an extension',
  denyExtension: 'refused an extension',
  urge: 'urged',
  supervise: 'put under supervision',
  unsupervise: 'taken off supervision',
  merge: 'merged',
};

/** "Only the assigned cadre (or an admin) may resolve this issue." */
const DO: Record<WorkflowAction, string> = {
  accept: 'accept',
  reject: 'reject',
  assign: 'assign',
  escalate: 'escalate',
  start: 'start',
  comment: 'comment on',
  resolve: 'resolve',
  followUpSatisfied: 'record a return visit for',
  followUpUnsatisfied: 'record a return visit for',
  close: 'close',
  reopen: 'reopen',
  return: 'return',
  reassign: 'reassign',
  refuseReturn: 'refuse the return of',
  requestExtension: 'ask for an extension of',
  approveExtension: 'approve an extension of',
  denyExtension: 'deny an extension of',
  urge: 'urge',
  supervise: 'supervise',
  unsupervise: 'end the supervision of',
  merge: 'merge',
};

/** Action names as the API spells them, for "allowed now" hints. */
const MUTATION: Record<WorkflowAction, string> = {
  accept: 'acceptIssue',
  reject: 'rejectIssue',
  assign: 'assignIssue',
  escalate: 'escalateIssue',
  start: 'startIssue',
  comment: 'commentIssue',
  resolve: 'resolveIssue',
  followUpSatisfied: 'recordFollowUp',
  followUpUnsatisfied: 'recordFollowUp',
  close: 'closeIssue',
  reopen: 'reopenIssue',
  return: 'returnIssue',
  reassign: 'reassignIssue',
  refuseReturn: 'refuseReturn',
  requestExtension: 'requestExtension',
  approveExtension: 'decideExtension',
  denyExtension: 'decideExtension',
  urge: 'urgeIssue',
  supervise: 'superviseIssue',
  unsupervise: 'superviseIssue',
  merge: 'mergeIssue',
};

const SATISFACTION_LABEL: Record<Satisfaction, string> = {
  [Satisfaction.SATISFIED]: '满意',
  [Satisfaction.BASICALLY_SATISFIED]: '基本满意',
  [Satisfaction.UNSATISFIED]: '不满意',
};

const METHOD_LABEL: Record<FollowUpMethod, string> = {
  [FollowUpMethod.PHONE]: '电话回访',
  [FollowUpMethod.VISIT]: '上门回访',
  [FollowUpMethod.ONLINE]: '线上回访',
};

/** System notes on the second round after an unsatisfied return visit. */
export const UNSATISFIED_REOPEN_NOTE = '回访不满意：退回原承办人重新办理';
export const UNSATISFIED_REOPEN_PUBLIC_NOTE = '根据您的回访意见，已重新交办处理。';

function illegalMove(issue: LockedIssue, action: WorkflowAction) {
  const allowed = [...new Set(allowedActions(issue.status).map((a) => MUTATION[a]))];
  return conflict(
    `An issue that is ${issue.status} cannot be ${DONE[action]}; allowed now: ${allowed.join(', ') || 'nothing'}.`,
    { currentStatus: issue.status, currentVersion: issue.version },
  );
}

function staleVersion(issue: LockedIssue, expected: number) {
  return conflict(
    `The issue has changed since you read it (now version ${issue.version}, you sent expectedVersion ${expected}): reload it and try again.`,
    { currentStatus: issue.status, currentVersion: issue.version },
  );
}

interface LockedRow {
  id: string;
  status: IssueStatus;
  version: number | string;
  grid_id: string;
  region_path: string;
  assignee_id: string | null;
  accepted_at: Date | string | null;
  supervised: boolean;
  urge_count: number | string;
  resolve_due_at: Date | string;
  pending_extension_by: string | null;
}

/** The issue row through the viewer's scope, locked for the transaction (null: unknown or out of scope). */
export async function lockIssueInScope(tx: EntityManager, viewer: Viewer, id: string): Promise<LockedIssue | null> {
  if (!isUuid(id)) return null;
  const i = sql.identifier('i');
  const scope = issueScopeSql(viewer, i);
  const [row] = await runSql<LockedRow>(
    tx,
    sql.query`select ${i}.id, ${i}.status, ${i}.version, ${i}.grid_id, ${i}.region_path, ${i}.assignee_id, ${i}.accepted_at,
        ${i}.supervised, ${i}.urge_count, ${i}.resolve_due_at,
        (select x.requested_by_user_id::text from issue_extension x where x.issue_id = ${i}.id and x.status = 'PENDING') as pending_extension_by
      from issue ${i}
      where ${i}.id = ${sql.value(id)}::uuid${scope ? sql.fragment` and ${scope}` : sql.blank} for update of ${i}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    version: Number(row.version),
    gridId: row.grid_id,
    regionPath: row.region_path,
    assigneeId: row.assignee_id ?? null,
    acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
    supervised: Boolean(row.supervised),
    urgeCount: Number(row.urge_count),
    resolveDueAt: new Date(row.resolve_due_at),
    pendingExtensionBy: row.pending_extension_by ?? null,
  };
}

/** The one path every transition takes (see the module comment). */
async function runTransition(actor: WorkflowActor, id: string, request: TransitionRequest): Promise<TransitionResult> {
  const now = actor.now ?? (() => new Date());
  const row = await actor.em.transactional(async (tx) => {
    const issue = await lockIssueInScope(tx, actor.viewer, id);
    if (!issue) throw notFound('Issue', id);
    const move = transitionFor(issue.status, request.action);
    if (!move) throw illegalMove(issue, request.action);
    if (!mayPerform(actor.viewer, request.action, issue)) {
      throw forbidden(`Only ${whoMay(request.action)} may ${DO[request.action]} this issue.`);
    }
    if (request.expectedVersion !== null && request.expectedVersion !== undefined && request.expectedVersion !== issue.version) {
      throw staleVersion(issue, request.expectedVersion);
    }
    const at = now();
    const refusal = stateRefusal(actor.viewer, request.action, issue, at);
    if (refusal) throw refusal;
    const outcome = await request.decide(tx, issue, at);
    const bump = sql.raw(request.bumpsVersion === false ? '0' : '1');
    const [updated] = await runSql<{ status: IssueStatus; version: number }>(
      tx,
      sql.query`update issue set ${sql.join(
        [sql.fragment`status = ${sql.value(move.to)}`, sql.fragment`updated_at = ${sql.value(at)}`, ...assignments(outcome.set ?? {})],
        ', ',
      )}, version = version + ${bump} where id = ${sql.value(issue.id)} and version = ${sql.value(issue.version)} returning status, version`,
    );
    // The row is locked, so this cannot happen; if it ever does, refuse rather than append to a moved issue.
    if (!updated) throw staleVersion(issue, issue.version);
    await recordInLedger(tx, request.action, issue.id, at, outcome.set?.assigneeId);
    await appendIssueEvents(
      tx,
      move.steps.map((s, i) => ({
        issueId: issue.id,
        type: s.event,
        fromStatus: s.fromStatus,
        toStatus: s.toStatus,
        note: outcome.notes?.[i]?.note ?? null,
        publicNote: outcome.notes?.[i]?.publicNote ?? null,
        actorName: actor.viewer.displayName,
        at,
      })),
    );
    return { id: issue.id, status: updated.status, version: Number(updated.version) };
  });
  actor.events.eventsCommitted();
  return row;
}

export interface VersionedArgs {
  expectedVersion?: number | null;
}

/** SUBMITTED → ACCEPTED: the grid has taken the case on (the response deadline is met). */
export function acceptIssue(actor: WorkflowActor, id: string, args: VersionedArgs & { note?: string | null }): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'accept',
    expectedVersion: args.expectedVersion,
    decide: (_tx, _issue, at) => ({ set: { acceptedAt: at }, notes: [{ note }] }),
  });
}

/** SUBMITTED → REJECTED, with a reason for staff. */
export function rejectIssue(actor: WorkflowActor, id: string, args: VersionedArgs & { reason: string }): Promise<TransitionResult> {
  const reason = requireText(args.reason, 'reason', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'reject',
    expectedVersion: args.expectedVersion,
    decide: () => ({ notes: [{ note: reason }] }),
  });
}

/**
 * Whether a cadre may be given an issue of a grid: it must work there (an
 * assignment to the grid) or a cadre account of it must have a scope region
 * that covers the grid. The assignee reads the reporter's contact details, so
 * this is what keeps them within the grid's own people.
 */
async function coverage(tx: EntityManager, cadreId: string, gridId: string): Promise<{ assigned: boolean; byScope: boolean }> {
  const [cadre, grid] = [sql.fragment`${sql.value(cadreId)}::uuid`, sql.fragment`${sql.value(gridId)}::uuid`];
  const [row] = await runSql<{ assigned: boolean; by_scope: boolean }>(
    tx,
    sql.query`select exists (select 1 from cadre_assignment a where a.cadre_id = ${cadre} and a.grid_id = ${grid}) as assigned,
       exists (select 1 from app_user u join region r on r.id = u.scope_region_id join grid g on g.id = ${grid}
               where u.cadre_id = ${cadre} and u.role = 'CADRE' and starts_with(g.region_path, r.path)) as by_scope`,
  );
  return { assigned: row.assigned === true, byScope: row.by_scope === true };
}

/** Refuses an assignee whose scope does not cover the issue's grid (BAD_USER_INPUT). */
async function requireCovering(tx: EntityManager, cadre: { id: string; name: string }, issue: LockedIssue) {
  const covered = await coverage(tx, cadre.id, issue.gridId);
  if (!covered.assigned && !covered.byScope) {
    throw badInput(`${cadre.name} neither works in this issue's grid nor has it in scope: choose a cadre of the grid.`, 'cadreId');
  }
  return covered;
}

/** SUBMITTED or ACCEPTED → ASSIGNED to a cadre. Assigning straight away also counts as the response. */
export function assignIssue(
  actor: WorkflowActor,
  id: string,
  args: VersionedArgs & { cadreId: string; note?: string | null },
): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'assign',
    expectedVersion: args.expectedVersion,
    decide: async (tx, issue, at) => {
      const cadre = await requireCadre(tx, args.cadreId);
      const covered = await requireCovering(tx, cadre, issue);
      // A supervisor who sees the grid only through its scope region dispatches; it does not take the case (and its contacts) itself.
      if (actor.viewer.role !== Role.ADMIN && actor.viewer.cadreId === cadre.id && !covered.assigned) {
        throw forbidden('A cadre whose only link to this grid is its scope region dispatches the issue to a cadre of the grid; it does not assign it to itself.');
      }
      return { set: { assigneeId: cadre.id, acceptedAt: issue.acceptedAt ?? at }, notes: [{ note }] };
    },
  });
}

/** ASSIGNED or IN_PROGRESS → ASSIGNED to a cadre of a strictly higher level than the current assignee. */
export function escalateIssue(
  actor: WorkflowActor,
  id: string,
  args: VersionedArgs & { cadreId: string; note: string },
): Promise<TransitionResult> {
  const note = requireText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'escalate',
    expectedVersion: args.expectedVersion,
    decide: async (tx, issue) => {
      const target = await requireCadre(tx, args.cadreId);
      await requireCovering(tx, target, issue);
      const current = issue.assigneeId
        ? await runSql<{ level: CadreLevel }>(tx, sql.query`select level from cadre where id = ${sql.value(issue.assigneeId)}::uuid`)
        : [];
      const currentLevel = current[0]?.level;
      if (currentLevel && CADRE_LEVEL_RANK[target.level] <= CADRE_LEVEL_RANK[currentLevel]) {
        throw badInput(
          `Escalate to a cadre of a higher level than the current assignee (${currentLevel}); ${target.name} is ${target.level}.`,
          'cadreId',
        );
      }
      return { set: { assigneeId: target.id }, notes: [{ note }] };
    },
  });
}

/** ASSIGNED → IN_PROGRESS: the assignee is on it. */
export function startIssue(actor: WorkflowActor, id: string, args: VersionedArgs & { note?: string | null }): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'start',
    expectedVersion: args.expectedVersion,
    decide: () => ({ notes: [{ note }] }),
  });
}

/**
 * A note on the timeline: `note` for staff, `publicNote` for the tracker. No
 * status change and no new version (a comment must not make others' expectedVersion stale).
 */
export function commentIssue(actor: WorkflowActor, id: string, args: { note?: string | null; publicNote?: string | null }): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  const publicNote = optionalText(args.publicNote, 'publicNote', NOTE_MAX);
  if (!note && !publicNote) throw badInput('A comment needs a note (for staff) or a publicNote (for the tracker), or both.', 'note');
  return runTransition(actor, id, {
    action: 'comment',
    bumpsVersion: false,
    decide: () => ({ notes: [{ note, publicNote }] }),
  });
}

/** ASSIGNED or IN_PROGRESS → RESOLVED. The resolution is for staff; only `publicNote` reaches the tracker. */
export function resolveIssue(
  actor: WorkflowActor,
  id: string,
  args: VersionedArgs & { resolution: string; publicNote?: string | null },
): Promise<TransitionResult> {
  const resolution = requireText(args.resolution, 'resolution', NOTE_MAX);
  const publicNote = optionalText(args.publicNote, 'publicNote', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'resolve',
    expectedVersion: args.expectedVersion,
    decide: async (tx, issue, at) => {
      await requireAfterPhotoIfAsked(tx, issue.id);
      return { set: { resolution, resolvedAt: at }, notes: [{ note: resolution, publicNote }] };
    },
  });
}

export interface FollowUpArgs {
  method: FollowUpMethod;
  satisfaction: Satisfaction;
  comment?: string | null;
  /** Same key, same return visit (see issue-workflow.resolver.ts): kept on the issue with the visit. */
  idempotencyKey?: string | null;
}

/**
 * The return visit on a RESOLVED issue. Satisfied (or basically): → FOLLOWED_UP.
 * Unsatisfied: a FOLLOWED_UP event, then a REOPENED event back to ASSIGNED with
 * the same assignee — one transaction, so the version goes up by one. The
 * follow-up fields keep the latest return visit; resolvedAt and the resolution
 * are cleared for the second round (the RESOLVED event keeps the old text).
 */
export function recordFollowUp(actor: WorkflowActor, id: string, args: VersionedArgs & { input: FollowUpArgs }): Promise<TransitionResult> {
  const { method, satisfaction } = args.input;
  const comment = optionalText(args.input.comment, 'input.comment', NOTE_MAX);
  const action = followUpAction(satisfaction);
  const summary = `${SATISFACTION_LABEL[satisfaction]}（${METHOD_LABEL[method]}）${comment ? `：${comment}` : ''}`;
  return runTransition(actor, id, {
    action,
    expectedVersion: args.expectedVersion,
    decide: (_tx, _issue, at) => {
      const set: IssueChanges = {
        followUpMethod: method,
        followUpSatisfaction: satisfaction,
        followUpComment: comment,
        followUpAt: at,
        followUpBy: actor.viewer.displayName,
        followUpKey: args.input.idempotencyKey ?? null,
      };
      if (action === 'followUpSatisfied') return { set, notes: [{ note: summary }] };
      return {
        set: { ...set, resolvedAt: null, resolution: null },
        notes: [{ note: summary }, { note: UNSATISFIED_REOPEN_NOTE, publicNote: UNSATISFIED_REOPEN_PUBLIC_NOTE }],
      };
    },
  });
}

/** FOLLOWED_UP → CLOSED: the loop is closed. */
export function closeIssue(actor: WorkflowActor, id: string, args: VersionedArgs & { note?: string | null }): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'close',
    expectedVersion: args.expectedVersion,
    decide: () => ({ notes: [{ note }] }),
  });
}

/**
 * RESOLVED, FOLLOWED_UP or CLOSED → ASSIGNED to the same assignee. resolvedAt and
 * the resolution are cleared so statistics count the issue as unresolved again;
 * the timeline keeps the earlier resolution.
 */
export function reopenIssue(actor: WorkflowActor, id: string, args: VersionedArgs & { reason: string }): Promise<TransitionResult> {
  const reason = requireText(args.reason, 'reason', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'reopen',
    expectedVersion: args.expectedVersion,
    decide: () => ({ set: { resolvedAt: null, resolution: null }, notes: [{ note: reason }] }),
  });
}

// ---------------------------------------------------------------- dispatch (退单, 改派, 延期, 催办, 督办, 合并)

/**
 * The cadre an issue may be handed to: one whose scope covers the issue's grid
 * — assigned to the grid (包联), or the cadre of a user whose scope region
 * covers it. A dispatcher whose only link is a scope region does not hand it
 * to themselves. Unknown is NOT_FOUND; out of scope is BAD_USER_INPUT naming `cadreId`.
 */
async function requireCadreForIssue(tx: EntityManager, viewer: Viewer, cadreId: string, issue: LockedIssue) {
  const cadre = await requireCadre(tx, cadreId);
  const cadreIs = sql.fragment`${sql.value(cadre.id)}::uuid`;
  const [link] = await runSql<{ assigned: boolean; scoped: boolean }>(
    tx,
    sql.query`select exists (select 1 from cadre_assignment a where a.cadre_id = ${cadreIs} and a.grid_id = ${sql.value(issue.gridId)}::uuid) as assigned,
       exists (select 1 from app_user u join region r on r.id = u.scope_region_id
               where u.cadre_id = ${cadreIs} and starts_with(${sql.value(issue.regionPath)}, r.path)) as scoped`,
  );
  if (!link.assigned && !(link.scoped && cadre.id !== viewer.cadreId)) {
    throw badInput(`${cadre.name} is not a cadre of this issue's grid or of a region covering it: choose a cadre in scope.`, 'cadreId');
  }
  return cadre;
}

/** 退单: ASSIGNED or IN_PROGRESS → RETURNED, by the assignee, with a reason and a note. */
export function returnIssue(
  actor: WorkflowActor,
  id: string,
  args: VersionedArgs & { reason: ReturnReason; note: string },
): Promise<TransitionResult> {
  const note = requireText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'return',
    expectedVersion: args.expectedVersion,
    decide: () => ({ set: { returnReason: args.reason }, notes: [{ note, publicNote: RETURNED_PUBLIC_NOTE }] }),
  });
}

export const RETURNED_PUBLIC_NOTE = '正在重新派单。';
// The resident tracker recognises these public notes and shows them in the reader's language (widgets' zh-CN strings
// systemNote*; test/unit/system-notes.test.ts keeps the two the same).
export const extendedPublicNote = (until: string) => `办理时限已延长至 ${until}。`;
export const mergedPublicNote = (trackingCode: string) => `与相同问题合并办理，请关注 ${trackingCode} 的进展。`;

/** 改派: RETURNED, ASSIGNED or IN_PROGRESS → ASSIGNED to another cadre in scope, by a dispatcher. */
export function reassignIssue(
  actor: WorkflowActor,
  id: string,
  args: VersionedArgs & { cadreId: string; note?: string | null },
): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'reassign',
    expectedVersion: args.expectedVersion,
    decide: async (tx, issue, at) => {
      const cadre = await requireCadreForIssue(tx, actor.viewer, args.cadreId, issue);
      if (cadre.id === issue.assigneeId) {
        throw badInput(`${cadre.name} is the current assignee: reassign to another cadre (or refuse a return with refuseReturn).`, 'cadreId');
      }
      const withdrawn = await withdrawPendingExtension(tx, actor, issue.id, at, '改派：原承办人的延期申请不再办理');
      const handed = note ? `改派给${cadre.name}：${note}` : `改派给${cadre.name}`;
      return { set: { assigneeId: cadre.id, returnReason: null }, notes: [{ note: withdrawn ? `${handed}（原延期申请已作废）` : handed }] };
    },
  });
}

/** RETURNED → ASSIGNED to the same assignee; the response clock does not restart (acceptedAt stays). */
export function refuseReturn(actor: WorkflowActor, id: string, args: VersionedArgs & { note: string }): Promise<TransitionResult> {
  const note = requireText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'refuseReturn',
    expectedVersion: args.expectedVersion,
    decide: () => ({ set: { returnReason: null }, notes: [{ note }] }),
  });
}

function timeZoneOf(actor: WorkflowActor): string {
  return actor.timeZone ?? DEFAULT_WORK_TIME.timeZone;
}

/** Decides the issue's pending extension request, if any, in the actor's name; the requested deadline, if there was one. */
async function closePendingExtension(
  tx: EntityManager,
  actor: WorkflowActor,
  issueId: string,
  decision: { status: 'APPROVED' | 'DENIED'; at: Date; note: string | null },
): Promise<Date | null> {
  const [request] = await runSql<{ requested_due_at: Date | string }>(
    tx,
    sql.query`update issue_extension set status = ${sql.value(decision.status)}, decided_by = ${sql.value(actor.viewer.displayName)},
        decided_at = ${timestamptz(decision.at)}, decision_note = ${sql.value(decision.note)}
      where issue_id = ${sql.value(issueId)}::uuid and status = 'PENDING' returning requested_due_at`,
  );
  return request ? new Date(request.requested_due_at) : null;
}

/**
 * Closes the issue's pending extension request, if any, as DENIED with `note`, when the issue leaves the hands
 * of the cadre who asked (reassigned, merged): the next assignee asks for itself. True when there was one.
 */
async function withdrawPendingExtension(tx: EntityManager, actor: WorkflowActor, issueId: string, at: Date, note: string): Promise<boolean> {
  return (await closePendingExtension(tx, actor, issueId, { status: 'DENIED', at, note })) !== null;
}

/** The longest extension one request may ask for (a year 2999 is a typing slip, not a plan). */
const MAX_EXTENSION_MS = 366 * 86_400_000;

/** 延期: the assignee asks, before the resolve deadline, for a later one (at most one pending). */
export function requestExtension(
  actor: WorkflowActor,
  id: string,
  args: VersionedArgs & { until: Date; reason: string },
): Promise<TransitionResult> {
  const reason = requireText(args.reason, 'reason', NOTE_MAX);
  const until = args.until;
  if (!(until instanceof Date) || Number.isNaN(until.getTime())) throw badInput('until must be a date and time.', 'until');
  return runTransition(actor, id, {
    action: 'requestExtension',
    expectedVersion: args.expectedVersion,
    decide: async (tx, issue, at) => {
      if (until <= at) throw badInput(`until (${until.toISOString()}) is in the past.`, 'until');
      if (until <= issue.resolveDueAt) {
        throw badInput(`until (${until.toISOString()}) must be after the current resolve deadline (${issue.resolveDueAt.toISOString()}).`, 'until');
      }
      if (until.getTime() - issue.resolveDueAt.getTime() > MAX_EXTENSION_MS) {
        throw badInput(`until (${until.toISOString()}) is more than a year after the current resolve deadline (${issue.resolveDueAt.toISOString()}): ask for at most a year.`, 'until');
      }
      await runSql(
        tx,
        sql.query`insert into issue_extension (id, issue_id, status, requested_due_at, reason, requested_by, requested_by_user_id, requested_at)
         values (gen_random_uuid(), ${sql.value(issue.id)}::uuid, 'PENDING', ${timestamptz(until)}, ${sql.value(reason)}, ${sql.value(actor.viewer.displayName)},
           ${sql.value(actor.viewer.userId)}::uuid, ${timestamptz(at)})`,
      );
      return { notes: [{ note: `申请延期至 ${localMinute(until, timeZoneOf(actor))}：${reason}` }] };
    },
  });
}

/** A supervisor in scope (not the requester) approves — resolveDueAt moves — or denies the pending request. */
export function decideExtension(
  actor: WorkflowActor,
  id: string,
  args: VersionedArgs & { approve: boolean; note?: string | null },
): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: args.approve ? 'approveExtension' : 'denyExtension',
    expectedVersion: args.expectedVersion,
    decide: async (tx, issue, at) => {
      const until = await closePendingExtension(tx, actor, issue.id, { status: args.approve ? 'APPROVED' : 'DENIED', at, note });
      if (!args.approve || !until) return { notes: [{ note }] };
      return {
        set: { resolveDueAt: until, extendedTo: until },
        notes: [{ note, publicNote: extendedPublicNote(localMinute(until, timeZoneOf(actor))) }],
      };
    },
  });
}

/** 催办: a supervisor chases the assignee; no new version (nobody's expectedVersion goes stale). */
export function urgeIssue(actor: WorkflowActor, id: string, args: { note: string }): Promise<TransitionResult> {
  const note = requireText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'urge',
    bumpsVersion: false,
    decide: (_tx, issue) => ({ set: { urgeCount: issue.urgeCount + 1 }, notes: [{ note }] }),
  });
}

/** 督办: put under (or take off) supervision; no new version. */
export function superviseIssue(actor: WorkflowActor, id: string, args: { supervised: boolean; note?: string | null }): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: args.supervised ? 'supervise' : 'unsupervise',
    bumpsVersion: false,
    decide: () => ({ set: { supervised: args.supervised }, notes: [{ note }] }),
  });
}

/** Statuses an issue may be merged into: open, not itself a duplicate. */
const MERGE_TARGETS: readonly IssueStatus[] = [
  IssueStatus.SUBMITTED,
  IssueStatus.ACCEPTED,
  IssueStatus.ASSIGNED,
  IssueStatus.IN_PROGRESS,
  IssueStatus.RETURNED,
  IssueStatus.RESOLVED,
  IssueStatus.FOLLOWED_UP,
];

/**
 * 合并: the duplicate becomes MERGED with `mergedInto` the primary, which must
 * be open and in the viewer's scope (locked too, so it cannot close meanwhile).
 * Duplicates merged earlier into this one follow it to the primary.
 */
export function mergeIssue(actor: WorkflowActor, id: string, args: { intoId: string; note?: string | null }): Promise<TransitionResult> {
  const note = optionalText(args.note, 'note', NOTE_MAX);
  return runTransition(actor, id, {
    action: 'merge',
    decide: async (tx, issue, at) => {
      if (args.intoId === issue.id) throw badInput('An issue cannot be merged into itself: give another intoId.', 'intoId');
      const primary = await lockIssueInScope(tx, actor.viewer, args.intoId);
      if (!primary) throw notFound('Issue (intoId)', args.intoId);
      if (!MERGE_TARGETS.includes(primary.status)) {
        // `field` says the refusal is about the primary (intoId), not the duplicate's own status or version.
        throw conflict(`The primary issue is ${primary.status}: merge only into an open issue.`, { field: 'intoId', currentStatus: primary.status });
      }
      // Duplicates merged into this issue before now follow the new primary (a new version each: a stale form refuses).
      await runSql(
        tx,
        sql.query`update issue set merged_into_id = ${sql.value(primary.id)}::uuid, version = version + 1 where merged_into_id = ${sql.value(issue.id)}::uuid`,
      );
      await withdrawPendingExtension(tx, actor, issue.id, at, '合并办理：延期申请不再办理');
      const [code] = await runSql<{ tracking_code: string }>(tx, sql.query`select tracking_code from issue where id = ${sql.value(primary.id)}::uuid`);
      return {
        set: { mergedIntoId: primary.id },
        notes: [{ note, publicNote: mergedPublicNote(code.tracking_code) }],
      };
    },
  });
}
