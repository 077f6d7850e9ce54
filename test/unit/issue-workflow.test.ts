import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { IssueEventType as E, IssueStatus as S, Satisfaction } from '../../api/src/domain/enums';
import {
  WORKFLOW_ACTIONS,
  allowedActions,
  followUpAction,
  transitionFor,
  type WorkflowAction,
} from '../../api/src/modules/issues/issue.workflow';

/**
 * The design's life cycle, written out independently of the table:
 * status → action → [event, to] steps. Everything not listed must be refused.
 */
type Row = Partial<Record<WorkflowAction, [E, S][]>>;

/** 督办 on any open issue: the status stays. */
const supervision = (s: S): Row => ({ supervise: [[E.SUPERVISED, s]], unsupervise: [[E.UNSUPERVISED, s]] });
/** Extension, urging, return and reassignment while someone works on it. */
const underWork = (s: S): Row => ({
  return: [[E.RETURNED, S.RETURNED]],
  reassign: [[E.REASSIGNED, S.ASSIGNED]],
  requestExtension: [[E.EXTENSION_REQUESTED, s]],
  approveExtension: [[E.EXTENSION_APPROVED, s]],
  denyExtension: [[E.EXTENSION_DENIED, s]],
  urge: [[E.URGED, s]],
  merge: [[E.MERGED, S.MERGED]],
});

const EXPECTED: Record<S, Row> = {
  [S.SUBMITTED]: {
    accept: [[E.ACCEPTED, S.ACCEPTED]],
    reject: [[E.REJECTED, S.REJECTED]],
    assign: [[E.ASSIGNED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.SUBMITTED]],
    ...supervision(S.SUBMITTED),
    merge: [[E.MERGED, S.MERGED]],
  },
  [S.ACCEPTED]: {
    assign: [[E.ASSIGNED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.ACCEPTED]],
    ...supervision(S.ACCEPTED),
    merge: [[E.MERGED, S.MERGED]],
  },
  [S.ASSIGNED]: {
    start: [[E.STARTED, S.IN_PROGRESS]],
    escalate: [[E.ESCALATED, S.ASSIGNED]],
    resolve: [[E.RESOLVED, S.RESOLVED]],
    comment: [[E.COMMENTED, S.ASSIGNED]],
    ...underWork(S.ASSIGNED),
    ...supervision(S.ASSIGNED),
  },
  [S.IN_PROGRESS]: {
    escalate: [[E.ESCALATED, S.ASSIGNED]],
    resolve: [[E.RESOLVED, S.RESOLVED]],
    comment: [[E.COMMENTED, S.IN_PROGRESS]],
    ...underWork(S.IN_PROGRESS),
    ...supervision(S.IN_PROGRESS),
  },
  [S.RETURNED]: {
    reassign: [[E.REASSIGNED, S.ASSIGNED]],
    refuseReturn: [[E.RETURN_REFUSED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.RETURNED]],
    ...supervision(S.RETURNED),
    merge: [[E.MERGED, S.MERGED]],
  },
  [S.RESOLVED]: {
    followUpSatisfied: [[E.FOLLOWED_UP, S.FOLLOWED_UP]],
    followUpUnsatisfied: [
      [E.FOLLOWED_UP, S.FOLLOWED_UP],
      [E.REOPENED, S.ASSIGNED],
    ],
    reopen: [[E.REOPENED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.RESOLVED]],
    ...supervision(S.RESOLVED),
  },
  [S.FOLLOWED_UP]: {
    close: [[E.CLOSED, S.CLOSED]],
    reopen: [[E.REOPENED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.FOLLOWED_UP]],
    ...supervision(S.FOLLOWED_UP),
  },
  [S.CLOSED]: {
    reopen: [[E.REOPENED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.CLOSED]],
  },
  [S.REJECTED]: {
    comment: [[E.COMMENTED, S.REJECTED]],
  },
  [S.MERGED]: {
    comment: [[E.COMMENTED, S.MERGED]],
  },
};

describe('issue workflow table', () => {
  for (const status of Object.values(S)) {
    for (const action of WORKFLOW_ACTIONS) {
      const expected = EXPECTED[status][action];
      if (expected) {
        it(`allows ${action} from ${status}: ${expected.map(([e, to]) => `${e}→${to}`).join(', ')}`, () => {
          const move = transitionFor(status, action);
          assert.ok(move, 'the move is allowed');
          assert.equal(move.from, status);
          assert.equal(move.to, expected[expected.length - 1][1]);
          assert.deepEqual(
            move.steps.map((s) => [s.event, s.toStatus]),
            expected,
          );
          // Each step starts where the previous one ended.
          let from = status;
          for (const s of move.steps) {
            assert.equal(s.fromStatus, from);
            from = s.toStatus;
          }
        });
      } else {
        it(`refuses ${action} from ${status}`, () => {
          assert.equal(transitionFor(status, action), null);
        });
      }
    }
  }

  it('lists exactly the allowed actions of every status', () => {
    for (const status of Object.values(S)) {
      assert.deepEqual(allowedActions(status), WORKFLOW_ACTIONS.filter((a) => EXPECTED[status][a]), status);
    }
  });

  it('has a row for every status, and REJECTED and MERGED are dead ends except for comments', () => {
    assert.equal(Object.keys(EXPECTED).length, Object.values(S).length);
    assert.deepEqual(allowedActions(S.REJECTED), ['comment']);
    assert.deepEqual(allowedActions(S.MERGED), ['comment']);
  });

  it('never moves back to SUBMITTED, and every event type but SUBMITTED, OVERDUE and DUE_SOON comes from an action', () => {
    const events = new Set<E>();
    for (const status of Object.values(S)) {
      for (const action of allowedActions(status)) {
        for (const step of transitionFor(status, action)!.steps) {
          if (status !== S.SUBMITTED) assert.notEqual(step.toStatus, S.SUBMITTED);
          events.add(step.event);
        }
      }
    }
    // SUBMITTED is appended by reportIssue, OVERDUE and DUE_SOON by the sweep, the photo events by the photo mutations
    // (they change no status): every other event type comes from an action.
    assert.deepEqual(
      [...events].sort(),
      Object.values(E)
        .filter((e) => e !== E.SUBMITTED && e !== E.OVERDUE && e !== E.DUE_SOON && e !== E.PHOTOS_ADDED && e !== E.PHOTO_VISIBILITY_CHANGED)
        .sort(),
    );
  });

  it('maps each satisfaction to its follow-up action', () => {
    assert.equal(followUpAction(Satisfaction.SATISFIED), 'followUpSatisfied');
    assert.equal(followUpAction(Satisfaction.BASICALLY_SATISFIED), 'followUpSatisfied');
    assert.equal(followUpAction(Satisfaction.UNSATISFIED), 'followUpUnsatisfied');
  });
});
