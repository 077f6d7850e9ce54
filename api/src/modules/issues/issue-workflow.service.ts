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
import { runSql, sql, type SQL } from '../../db/sql';
import { CADRE_LEVEL_RANK, FollowUpMethod, IssueStatus, Role, Satisfaction, type CadreLevel } from '../../domain/enums';
import { isUuid, optionalText, requireText } from '../../domain/validate';
import { badInput, conflict, forbidden, notFound } from '../../errors';
import { issueScopeSql } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import { requireCadre } from '../cadres/cadre.service';
import type { EventNotifier } from '../realtime/event-notifier';
import { appendIssueEvents } from './event-append';
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
}

const NOTE_MAX = 2000;

/** The issue row as locked: only what the rules need. */
interface LockedIssue {
  id: string;
  status: IssueStatus;
  version: number;
  gridId: string;
  assigneeId: string | null;
  acceptedAt: Date | null;
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
  assignee_id: string | null;
  accepted_at: Date | string | null;
}

async function lockIssueInScope(tx: EntityManager, viewer: Viewer, id: string): Promise<LockedIssue | null> {
  if (!isUuid(id)) return null;
  const i = sql.identifier('i');
  const scope = issueScopeSql(viewer, i);
  const [row] = await runSql<LockedRow>(
    tx,
    sql.query`select ${i}.id, ${i}.status, ${i}.version, ${i}.grid_id, ${i}.assignee_id, ${i}.accepted_at from issue ${i}
      where ${i}.id = ${sql.value(id)}::uuid${scope ? sql.fragment` and ${scope}` : sql.blank} for update`,
  );
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    version: Number(row.version),
    gridId: row.grid_id,
    assigneeId: row.assignee_id ?? null,
    acceptedAt: row.accepted_at ? new Date(row.accepted_at) : null,
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
  const [row] = await tx.execute<{ assigned: boolean; by_scope: boolean }[]>(
    `select exists (select 1 from cadre_assignment a where a.cadre_id = ? and a.grid_id = ?) as assigned,
       exists (select 1 from app_user u join region r on r.id = u.scope_region_id join grid g on g.id = ?
               where u.cadre_id = ? and u.role = 'CADRE' and starts_with(g.region_path, r.path)) as by_scope`,
    [cadreId, gridId, gridId, cadreId],
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
        ? await tx.execute<{ level: CadreLevel }[]>('select level from cadre where id = ?', [issue.assigneeId])
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
    decide: (_tx, _issue, at) => ({ set: { resolution, resolvedAt: at }, notes: [{ note: resolution, publicNote }] }),
  });
}

export interface FollowUpArgs {
  method: FollowUpMethod;
  satisfaction: Satisfaction;
  comment?: string | null;
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
