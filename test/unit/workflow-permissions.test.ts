/**
 * Who may move an issue, written out from the design's "Who may do what" independently of the
 * rules in workflow-permissions.ts: every action for every kind of person, in and out of the grid,
 * assigned or not. (Scope comes first in the services; here the issue is already in scope.)
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { Role } from '../../api/src/domain/enums';
import type { Viewer } from '../../api/src/modules/auth/viewer';
import { viewer } from '../support/viewers';
import { WORKFLOW_ACTIONS, type WorkflowAction } from '../../api/src/modules/issues/issue.workflow';
import { mayPerform, whoMay } from '../../api/src/modules/issues/workflow-permissions';

const GRID = 'grid-7';
const OTHER_GRID = 'grid-8';
const CADRE = 'cadre-1';
const REGION = '/city/district/street/';
const issue = { gridId: GRID, assigneeId: CADRE, regionPath: REGION };

const PEOPLE: Record<string, Viewer> = {
  admin: viewer(Role.ADMIN),
  'worker of the grid': viewer(Role.GRID_WORKER, { gridWorkerId: 'w', gridIds: [GRID] }),
  'worker of another grid': viewer(Role.GRID_WORKER, { gridWorkerId: 'w', gridIds: [OTHER_GRID] }),
  'the assigned cadre': viewer(Role.CADRE, { cadreId: CADRE }),
  'another cadre in scope': viewer(Role.CADRE, { cadreId: 'cadre-2', gridIds: [GRID] }),
  'a cadre user without a cadre': viewer(Role.CADRE, { scopeRegionPath: '/city/' }),
  'a dispatcher of the street': viewer(Role.CADRE, { cadreId: 'cadre-3', scopeRegionPath: REGION }),
  'a dispatcher of another district': viewer(Role.CADRE, { cadreId: 'cadre-4', scopeRegionPath: '/city/elsewhere/' }),
};

const CADRES_AND_WORKER = ['worker of the grid', 'the assigned cadre', 'another cadre in scope', 'a cadre user without a cadre', 'a dispatcher of the street', 'a dispatcher of another district'];
/** 调度 and supervision: cadres whose scope region covers the issue's grid. */
const DISPATCHERS = ['a cadre user without a cadre', 'a dispatcher of the street'];

/** The design, action by action: who may (admins may too, but for the assignee's own acts). */
const MAY: Record<WorkflowAction, string[]> = {
  accept: CADRES_AND_WORKER,
  reject: CADRES_AND_WORKER,
  assign: CADRES_AND_WORKER,
  followUpSatisfied: ['worker of the grid'],
  followUpUnsatisfied: ['worker of the grid'],
  start: ['the assigned cadre'],
  escalate: ['the assigned cadre'],
  resolve: ['the assigned cadre'],
  close: CADRES_AND_WORKER,
  reopen: CADRES_AND_WORKER,
  comment: Object.keys(PEOPLE),
  return: ['the assigned cadre'],
  reassign: DISPATCHERS,
  refuseReturn: DISPATCHERS,
  requestExtension: ['the assigned cadre'],
  approveExtension: DISPATCHERS,
  denyExtension: DISPATCHERS,
  urge: DISPATCHERS,
  supervise: DISPATCHERS,
  unsupervise: DISPATCHERS,
  merge: DISPATCHERS,
};

/** The assignee's own acts (the issue: "only by the assignee"): not even an admin makes them. */
const ASSIGNEE_ONLY: readonly WorkflowAction[] = ['return', 'requestExtension'];

describe('workflow permissions', () => {
  for (const action of WORKFLOW_ACTIONS) {
    const admins = !ASSIGNEE_ONLY.includes(action);
    it(`${action}: exactly ${MAY[action].join(', ')}${admins ? ' (and admins)' : ', not admins'}`, () => {
      for (const [who, v] of Object.entries(PEOPLE)) {
        const expected = (who === 'admin' && admins) || MAY[action].includes(who);
        assert.equal(mayPerform(v, action, issue), expected, `${who} may ${action}: ${expected}`);
      }
    });
  }

  it('an issue assigned to nobody has no assignee to start, escalate or resolve it (a cadre without a cadre id included)', () => {
    const unassigned = { gridId: GRID, assigneeId: null, regionPath: REGION };
    for (const action of ['start', 'escalate', 'resolve'] as const) {
      assert.equal(mayPerform(PEOPLE['a cadre user without a cadre'], action, unassigned), false);
      assert.equal(mayPerform(PEOPLE['the assigned cadre'], action, unassigned), false);
      assert.equal(mayPerform(PEOPLE.admin, action, unassigned), true);
    }
  });

  it('a grid worker of another grid who is also named assignee may not start (only cadres are assignees)', () => {
    const odd = viewer(Role.GRID_WORKER, { cadreId: CADRE, gridIds: [GRID] });
    assert.equal(mayPerform(odd, 'start', issue), false);
  });

  it('names who may, in words, for FORBIDDEN messages', () => {
    assert.equal(whoMay('start'), 'the assigned cadre (or an admin)');
    assert.equal(whoMay('followUpSatisfied'), "the grid's workers (or an admin)");
    assert.equal(whoMay('followUpUnsatisfied'), "the grid's workers (or an admin)");
    assert.equal(whoMay('comment'), 'staff who can see the issue (or an admin)');
    for (const action of ['accept', 'reject', 'assign', 'close', 'reopen'] as const) {
      assert.equal(whoMay(action), "the grid's workers and cadres in scope (or an admin)");
    }
    for (const action of ['escalate', 'resolve'] as const) assert.equal(whoMay(action), 'the assigned cadre (or an admin)');
    for (const action of ['return', 'requestExtension'] as const) assert.equal(whoMay(action), 'the assigned cadre alone');
    for (const action of ['reassign', 'refuseReturn', 'merge'] as const) {
      assert.equal(whoMay(action), "a dispatcher (a cadre whose scope region covers the issue's grid) (or an admin)");
    }
    for (const action of ['approveExtension', 'denyExtension', 'urge', 'supervise', 'unsupervise'] as const) {
      assert.equal(whoMay(action), "a supervisor whose scope region covers the issue's grid (or an admin)");
    }
  });
});
