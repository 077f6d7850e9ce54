/**
 * What a viewer may do to an issue now, and why a move is refused: the one
 * workflow table (is the move legal from this status?), the permissions (may
 * this viewer make it?) and the issue's state beyond its status (is there a
 * pending extension? is it supervised already?). runTransition refuses with
 * {@link stateRefusal}; `Issue.availableActions` lists the moves that pass all
 * three — the same code, so the buttons a client shows are exactly the moves
 * that would go through.
 */
import { IssueAction, Role } from '../../domain/enums';
import { conflict, forbidden, type AppError } from '../../errors';
import type { Viewer } from '../auth/viewer';
import { transitionFor, type WorkflowAction } from './issue.workflow';
import { mayPerform, type IssuePermissionFacts } from './workflow-permissions';
import { mayAddPhotosNow } from '../photos/photo-permissions';
import type { IssueStatus } from '../../domain/enums';

/** The issue as the rules read it (locked by a transition, or planned for availableActions). */
export interface IssueActionFacts extends IssuePermissionFacts {
  status: IssueStatus;
  version: number;
  supervised: boolean;
  resolveDueAt: Date;
  /** The user who asked for the pending extension; null when none is pending. */
  pendingExtensionBy: string | null;
}

/** Why a legal, permitted move cannot be made in the issue's present state; null when it can. */
export function stateRefusal(viewer: Viewer, action: WorkflowAction, issue: IssueActionFacts, now: Date): AppError | null {
  const current = { currentStatus: issue.status, currentVersion: issue.version };
  switch (action) {
    case 'requestExtension':
      if (issue.pendingExtensionBy !== null) return conflict('An extension request is already pending for this issue; wait for its decision.', current);
      if (now > issue.resolveDueAt) return conflict('The resolve deadline has passed: an extension must be requested before it.', current);
      return null;
    case 'approveExtension':
    case 'denyExtension':
      if (issue.pendingExtensionBy === null) return conflict('No extension request is pending for this issue.', current);
      if (issue.pendingExtensionBy === viewer.userId) return forbidden('You asked for this extension: another supervisor decides it.');
      return null;
    case 'supervise':
      return issue.supervised ? conflict('The issue is under supervision already.', current) : null;
    case 'unsupervise':
      return issue.supervised ? null : conflict('The issue is not under supervision.', current);
    case 'urge':
      if (viewer.cadreId !== null && viewer.cadreId === issue.assigneeId) return forbidden('You are the assignee: urging yourself is not a move.');
      return null;
    default:
      return null;
  }
}

/** The workflow actions behind each action a client shows (one button may be one of several moves). */
const MOVES: Record<Exclude<IssueAction, IssueAction.ADD_PHOTOS>, readonly WorkflowAction[]> = {
  [IssueAction.ACCEPT]: ['accept'],
  [IssueAction.REJECT]: ['reject'],
  [IssueAction.ASSIGN]: ['assign'],
  [IssueAction.REASSIGN]: ['reassign'],
  [IssueAction.RETURN]: ['return'],
  [IssueAction.REFUSE_RETURN]: ['refuseReturn'],
  [IssueAction.ESCALATE]: ['escalate'],
  [IssueAction.START]: ['start'],
  [IssueAction.RESOLVE]: ['resolve'],
  [IssueAction.FOLLOW_UP]: ['followUpSatisfied', 'followUpUnsatisfied'],
  [IssueAction.CLOSE]: ['close'],
  [IssueAction.REOPEN]: ['reopen'],
  [IssueAction.COMMENT]: ['comment'],
  [IssueAction.REQUEST_EXTENSION]: ['requestExtension'],
  [IssueAction.DECIDE_EXTENSION]: ['approveExtension', 'denyExtension'],
  [IssueAction.URGE]: ['urge'],
  [IssueAction.SUPERVISE]: ['supervise', 'unsupervise'],
  [IssueAction.MERGE]: ['merge'],
};

/** Whether `viewer` could make `action` on the issue now (the checks runTransition makes, in its order). */
export function mayMakeNow(viewer: Viewer, action: WorkflowAction, issue: IssueActionFacts, now: Date): boolean {
  if (!transitionFor(issue.status, action)) return false;
  if (!mayPerform(viewer, action, issue)) return false;
  return stateRefusal(viewer, action, issue, now) === null;
}

/**
 * The moves this viewer may make now, in the contract's order; ADD_PHOTOS asks the
 * photo rules (addIssuePhotos checks the same). A viewer who sees an issue is staff,
 * so the list is never asked for by the public.
 */
export function availableActions(viewer: Viewer | null, issue: IssueActionFacts, now = new Date()): IssueAction[] {
  if (!viewer || ![Role.ADMIN, Role.CADRE, Role.GRID_WORKER].includes(viewer.role)) return [];
  const moves = (Object.keys(MOVES) as (keyof typeof MOVES)[]).filter((action) => MOVES[action].some((move) => mayMakeNow(viewer, move, issue, now)));
  return mayAddPhotosNow(viewer, issue) ? [...moves, IssueAction.ADD_PHOTOS] : moves;
}
