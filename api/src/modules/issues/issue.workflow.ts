/**
 * The issue life cycle as one table: for every status, the actions allowed
 * from it and the event(s) each one appends. Pure data and lookups — no
 * database, no permissions. Services consult it; resolvers never decide a
 * transition. An action missing from a status's row is an illegal move.
 *
 * OVERDUE and DUE_SOON are not actions: the system raises them (see
 * overdue-sweeper.ts) without changing the status.
 */
import { IssueEventType, IssueStatus, Satisfaction } from '../../domain/enums';

/** Everything a person can do to an issue. */
export const WORKFLOW_ACTIONS = [
  'accept',
  'reject',
  'assign',
  'escalate',
  'start',
  'comment',
  'resolve',
  'followUpSatisfied',
  'followUpUnsatisfied',
  'close',
  'reopen',
  // Dispatch (退单, 改派, 延期, 催办, 督办, 合并): see docs/dispatch.md.
  'return',
  'reassign',
  'refuseReturn',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'urge',
  'supervise',
  'unsupervise',
  'merge',
] as const;

export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** One appended event: its type and the status it leads to. */
export interface WorkflowStep {
  event: IssueEventType;
  to: IssueStatus;
}

/** A legal move: the events to append, in order, each with its from/to status. */
export interface Transition {
  action: WorkflowAction;
  from: IssueStatus;
  to: IssueStatus;
  steps: { event: IssueEventType; fromStatus: IssueStatus; toStatus: IssueStatus }[];
}

const step = (event: IssueEventType, to: IssueStatus): WorkflowStep => ({ event, to });

/** Commenting changes no status: one COMMENTED event from the status to itself. */
const comment = (status: IssueStatus): readonly WorkflowStep[] => [step(IssueEventType.COMMENTED, status)];

/** Reopened work goes back to the assignee it had. */
const reopen = [step(IssueEventType.REOPENED, IssueStatus.ASSIGNED)];

/** An escalated issue waits for its new, higher-level assignee to start. */
const escalate = [step(IssueEventType.ESCALATED, IssueStatus.ASSIGNED)];

const resolve = [step(IssueEventType.RESOLVED, IssueStatus.RESOLVED)];

/** Moves that leave the status as it is: one event from the status to itself. */
const stay = (event: IssueEventType, status: IssueStatus): readonly WorkflowStep[] => [step(event, status)];

/** 退单: the assignee sends it back to dispatch. */
const returnToDispatch = [step(IssueEventType.RETURNED, IssueStatus.RETURNED)];
/** 改派: a dispatcher hands it to another cadre. */
const reassign = [step(IssueEventType.REASSIGNED, IssueStatus.ASSIGNED)];
/** 合并: a duplicate follows its primary from now on. */
const merge = [step(IssueEventType.MERGED, IssueStatus.MERGED)];

/** What is done to an issue under work without changing its status: extension, urging, supervision. */
const whileWorked = (status: IssueStatus) => ({
  requestExtension: stay(IssueEventType.EXTENSION_REQUESTED, status),
  approveExtension: stay(IssueEventType.EXTENSION_APPROVED, status),
  denyExtension: stay(IssueEventType.EXTENSION_DENIED, status),
  urge: stay(IssueEventType.URGED, status),
});

/** 督办 applies to every issue still open. */
const supervision = (status: IssueStatus) => ({
  supervise: stay(IssueEventType.SUPERVISED, status),
  unsupervise: stay(IssueEventType.UNSUPERVISED, status),
});

/**
 * The table. Every status has a row (the type demands it); an action absent
 * from a row is refused. Keep this the only place that says what may follow what.
 */
const TABLE: { readonly [S in IssueStatus]: { readonly [A in WorkflowAction]?: readonly WorkflowStep[] } } = {
  [IssueStatus.SUBMITTED]: {
    accept: [step(IssueEventType.ACCEPTED, IssueStatus.ACCEPTED)],
    reject: [step(IssueEventType.REJECTED, IssueStatus.REJECTED)],
    // The design allows assigning straight from SUBMITTED.
    assign: [step(IssueEventType.ASSIGNED, IssueStatus.ASSIGNED)],
    comment: comment(IssueStatus.SUBMITTED),
    ...supervision(IssueStatus.SUBMITTED),
    merge,
  },
  [IssueStatus.ACCEPTED]: {
    assign: [step(IssueEventType.ASSIGNED, IssueStatus.ASSIGNED)],
    comment: comment(IssueStatus.ACCEPTED),
    ...supervision(IssueStatus.ACCEPTED),
    merge,
  },
  [IssueStatus.ASSIGNED]: {
    start: [step(IssueEventType.STARTED, IssueStatus.IN_PROGRESS)],
    escalate,
    resolve,
    comment: comment(IssueStatus.ASSIGNED),
    return: returnToDispatch,
    reassign,
    ...whileWorked(IssueStatus.ASSIGNED),
    ...supervision(IssueStatus.ASSIGNED),
    merge,
  },
  [IssueStatus.IN_PROGRESS]: {
    escalate,
    resolve,
    comment: comment(IssueStatus.IN_PROGRESS),
    return: returnToDispatch,
    reassign,
    ...whileWorked(IssueStatus.IN_PROGRESS),
    ...supervision(IssueStatus.IN_PROGRESS),
    merge,
  },
  [IssueStatus.RETURNED]: {
    reassign,
    // Back to the same assignee; the response clock does not restart.
    refuseReturn: [step(IssueEventType.RETURN_REFUSED, IssueStatus.ASSIGNED)],
    comment: comment(IssueStatus.RETURNED),
    ...supervision(IssueStatus.RETURNED),
    merge,
  },
  [IssueStatus.RESOLVED]: {
    followUpSatisfied: [step(IssueEventType.FOLLOWED_UP, IssueStatus.FOLLOWED_UP)],
    // The return visit is recorded, then the issue goes back to work.
    followUpUnsatisfied: [step(IssueEventType.FOLLOWED_UP, IssueStatus.FOLLOWED_UP), ...reopen],
    reopen,
    comment: comment(IssueStatus.RESOLVED),
    ...supervision(IssueStatus.RESOLVED),
  },
  [IssueStatus.FOLLOWED_UP]: {
    close: [step(IssueEventType.CLOSED, IssueStatus.CLOSED)],
    reopen,
    comment: comment(IssueStatus.FOLLOWED_UP),
    ...supervision(IssueStatus.FOLLOWED_UP),
  },
  [IssueStatus.CLOSED]: {
    reopen,
    comment: comment(IssueStatus.CLOSED),
  },
  [IssueStatus.REJECTED]: {
    comment: comment(IssueStatus.REJECTED),
  },
  [IssueStatus.MERGED]: {
    comment: comment(IssueStatus.MERGED),
  },
};

/** The move `action` makes from `status`, or null when it is not allowed. */
export function transitionFor(status: IssueStatus, action: WorkflowAction): Transition | null {
  const steps = TABLE[status][action];
  if (!steps) return null;
  let from = status;
  const chained = steps.map((s) => {
    const out = { event: s.event, fromStatus: from, toStatus: s.to };
    from = s.to;
    return out;
  });
  return { action, from: status, to: from, steps: chained };
}

/** The actions allowed from `status`, in the order of {@link WORKFLOW_ACTIONS}. */
export function allowedActions(status: IssueStatus): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => TABLE[status][action] !== undefined);
}

/** A return visit's action: satisfied enough to close the loop, or not. */
export function followUpAction(satisfaction: Satisfaction): WorkflowAction {
  switch (satisfaction) {
    case Satisfaction.SATISFIED:
    case Satisfaction.BASICALLY_SATISFIED:
      return 'followUpSatisfied';
    case Satisfaction.UNSATISFIED:
      return 'followUpUnsatisfied';
    default:
      return unreachable(satisfaction);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled value ${String(value)}`);
}
