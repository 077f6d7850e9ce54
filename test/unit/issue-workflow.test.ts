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
const EXPECTED: Record<S, Partial<Record<WorkflowAction, [E, S][]>>> = {
  [S.SUBMITTED]: {
    accept: [[E.ACCEPTED, S.ACCEPTED]],
    reject: [[E.REJECTED, S.REJECTED]],
    assign: [[E.ASSIGNED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.SUBMITTED]],
  },
  [S.ACCEPTED]: {
    assign: [[E.ASSIGNED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.ACCEPTED]],
  },
  [S.ASSIGNED]: {
    start: [[E.STARTED, S.IN_PROGRESS]],
    escalate: [[E.ESCALATED, S.ASSIGNED]],
    resolve: [[E.RESOLVED, S.RESOLVED]],
    comment: [[E.COMMENTED, S.ASSIGNED]],
  },
  [S.IN_PROGRESS]: {
    escalate: [[E.ESCALATED, S.ASSIGNED]],
    resolve: [[E.RESOLVED, S.RESOLVED]],
    comment: [[E.COMMENTED, S.IN_PROGRESS]],
  },
  [S.RESOLVED]: {
    followUpSatisfied: [[E.FOLLOWED_UP, S.FOLLOWED_UP]],
    followUpUnsatisfied: [
      [E.FOLLOWED_UP, S.FOLLOWED_UP],
      [E.REOPENED, S.ASSIGNED],
    ],
    reopen: [[E.REOPENED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.RESOLVED]],
  },
  [S.FOLLOWED_UP]: {
    close: [[E.CLOSED, S.CLOSED]],
    reopen: [[E.REOPENED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.FOLLOWED_UP]],
  },
  [S.CLOSED]: {
    reopen: [[E.REOPENED, S.ASSIGNED]],
    comment: [[E.COMMENTED, S.CLOSED]],
  },
  [S.REJECTED]: {
    comment: [[E.COMMENTED, S.REJECTED]],
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

  it('has a row for every status, and REJECTED is a dead end except for comments', () => {
    assert.equal(Object.keys(EXPECTED).length, Object.values(S).length);
    assert.deepEqual(allowedActions(S.REJECTED), ['comment']);
  });

  it('never moves back to SUBMITTED, and every event type but SUBMITTED and OVERDUE comes from an action', () => {
    const events = new Set<E>();
    for (const status of Object.values(S)) {
      for (const action of allowedActions(status)) {
        for (const step of transitionFor(status, action)!.steps) {
          if (status !== S.SUBMITTED) assert.notEqual(step.toStatus, S.SUBMITTED);
          events.add(step.event);
        }
      }
    }
    // SUBMITTED is appended by reportIssue, OVERDUE by the sweep, the photo events by the photo mutations (they change
    // no status): every other event type comes from an action.
    assert.deepEqual(
      [...events].sort(),
      Object.values(E)
        .filter((e) => e !== E.SUBMITTED && e !== E.OVERDUE && e !== E.PHOTOS_ADDED && e !== E.PHOTO_VISIBILITY_CHANGED)
        .sort(),
    );
  });

  it('maps each satisfaction to its follow-up action', () => {
    assert.equal(followUpAction(Satisfaction.SATISFIED), 'followUpSatisfied');
    assert.equal(followUpAction(Satisfaction.BASICALLY_SATISFIED), 'followUpSatisfied');
    assert.equal(followUpAction(Satisfaction.UNSATISFIED), 'followUpUnsatisfied');
  });
});
