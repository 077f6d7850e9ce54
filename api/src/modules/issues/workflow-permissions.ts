/**
 * Who may move an issue (the design's "Who may do what", as refined since),
 * given that the issue is already in the viewer's scope —
 * callers find it through the scope first (out of scope is NOT_FOUND), so
 * "a cadre in scope" here is any cadre. Default deny: each action names the
 * people it allows.
 *  - the grid's workers and cadres in scope accept, reject and assign;
 *  - the grid's workers record return visits;
 *  - the assignee starts, escalates and resolves;
 *  - the grid's workers and cadres in scope close and reopen;
 *  - anyone who can see the issue may comment;
 *  - the assignee, and only the assignee, returns (退单) and asks for an
 *    extension (延期): both speak for the cadre who holds the issue;
 *  - a dispatcher — a cadre whose scope region covers the issue's grid —
 *    reassigns (改派), refuses a return, decides extensions, urges (催办),
 *    supervises (督办) and merges duplicates (合并);
 *  - admins may do anything else.
 */
import { Role } from '../../domain/enums';
import type { Viewer } from '../auth/viewer';
import type { WorkflowAction } from './issue.workflow';

/** What the rule needs to know about the issue. */
export interface IssuePermissionFacts {
  gridId: string;
  assigneeId: string | null;
  /** The grid's region path: a dispatcher's scope region must cover it. */
  regionPath: string;
}

type Rule = (viewer: Viewer, issue: IssuePermissionFacts) => boolean;

const gridWorker: Rule = (v, i) => v.role === Role.GRID_WORKER && v.gridIds.includes(i.gridId);
/** Any cadre: the issue is in the viewer's scope (assigned grid, scope region, or assigned to them). */
const cadreInScope: Rule = (v) => v.role === Role.CADRE;
const assignee: Rule = (v, i) => v.role === Role.CADRE && v.cadreId !== null && v.cadreId === i.assigneeId;
const anyoneInScope: Rule = () => true;
/** 调度: a cadre whose scope region covers the grid (a link through assignment alone is not enough). */
const dispatcher: Rule = (v, i) => v.role === Role.CADRE && v.scopeRegionPath !== null && i.regionPath.startsWith(v.scopeRegionPath);
const either =
  (...rules: Rule[]): Rule =>
  (v, i) =>
    rules.some((rule) => rule(v, i));

const RULES: Record<WorkflowAction, Rule> = {
  accept: either(gridWorker, cadreInScope),
  reject: either(gridWorker, cadreInScope),
  assign: either(gridWorker, cadreInScope),
  followUpSatisfied: gridWorker,
  followUpUnsatisfied: gridWorker,
  start: assignee,
  escalate: assignee,
  resolve: assignee,
  close: either(gridWorker, cadreInScope),
  reopen: either(gridWorker, cadreInScope),
  comment: anyoneInScope,
  return: assignee,
  reassign: dispatcher,
  refuseReturn: dispatcher,
  requestExtension: assignee,
  approveExtension: dispatcher,
  denyExtension: dispatcher,
  urge: dispatcher,
  supervise: dispatcher,
  unsupervise: dispatcher,
  merge: dispatcher,
};

/** The assignee's own acts: an admin, who holds no issue, may not make them for the cadre who does. */
const ASSIGNEE_ONLY: ReadonlySet<WorkflowAction> = new Set<WorkflowAction>(['return', 'requestExtension']);

/** Who may, in words, for FORBIDDEN messages. */
const WHO: Record<WorkflowAction, string> = {
  accept: "the grid's workers and cadres in scope",
  reject: "the grid's workers and cadres in scope",
  assign: "the grid's workers and cadres in scope",
  followUpSatisfied: "the grid's workers",
  followUpUnsatisfied: "the grid's workers",
  start: 'the assigned cadre',
  escalate: 'the assigned cadre',
  resolve: 'the assigned cadre',
  close: "the grid's workers and cadres in scope",
  reopen: "the grid's workers and cadres in scope",
  comment: 'staff who can see the issue',
  return: 'the assigned cadre',
  reassign: "a dispatcher (a cadre whose scope region covers the issue's grid)",
  refuseReturn: "a dispatcher (a cadre whose scope region covers the issue's grid)",
  requestExtension: 'the assigned cadre',
  approveExtension: "a supervisor whose scope region covers the issue's grid",
  denyExtension: "a supervisor whose scope region covers the issue's grid",
  urge: "a supervisor whose scope region covers the issue's grid",
  supervise: "a supervisor whose scope region covers the issue's grid",
  unsupervise: "a supervisor whose scope region covers the issue's grid",
  merge: "a dispatcher (a cadre whose scope region covers the issue's grid)",
};

export function mayPerform(viewer: Viewer, action: WorkflowAction, issue: IssuePermissionFacts): boolean {
  if (viewer.role === Role.ADMIN && !ASSIGNEE_ONLY.has(action)) return true;
  return RULES[action](viewer, issue);
}

export function whoMay(action: WorkflowAction): string {
  return ASSIGNEE_ONLY.has(action) ? `${WHO[action]} alone` : `${WHO[action]} (or an admin)`;
}
