/**
 * Who sees a grid (its people, its visits), written out from the design's "Who may do what"
 * independently of viewerSeesGrid in api/src/modules/auth/scope.ts: an admin every grid; a cadre the
 * grids it is assigned to and every grid in its scope region's subtree; a grid worker its grid(s);
 * nobody without a staff token. Issues assigned to a cadre reach it by the issue, never the grid.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { Role } from '../../api/src/domain/enums';
import { viewerSeesGrid } from '../../api/src/modules/auth/scope';
import type { Viewer } from '../../api/src/modules/auth/viewer';
import { viewer } from '../support/viewers';
import { fuzzSeed } from '../support/fuzz-seed';

/** Grid No. 7 lies in community c7 of street s1 of district d1; `d10` is a district whose path merely starts with d1's text. */
const GRID = { id: 'grid-7', regionPath: '/city/d1/s1/c7/' };
const OTHER = 'grid-8';

describe('viewerSeesGrid: who sees a grid', () => {
  const cases: [string, boolean, Viewer | null][] = [
    ['no viewer (public)', false, null],
    ['an admin, assigned nowhere', true, viewer(Role.ADMIN)],
    ['a cadre assigned to the grid', true, viewer(Role.CADRE, { cadreId: 'c1', gridIds: [OTHER, GRID.id] })],
    ['a cadre assigned to another grid only', false, viewer(Role.CADRE, { cadreId: 'c1', gridIds: [OTHER] })],
    ['a cadre with nothing but a cadre record (its issues are not a grid)', false, viewer(Role.CADRE, { cadreId: 'c1' })],
    ['a cadre whose scope is the city', true, viewer(Role.CADRE, { scopeRegionPath: '/city/' })],
    ['a cadre whose scope is the grid’s district', true, viewer(Role.CADRE, { cadreId: 'c1', scopeRegionPath: '/city/d1/' })],
    ['a cadre whose scope is the grid’s own community', true, viewer(Role.CADRE, { scopeRegionPath: '/city/d1/s1/c7/' })],
    ['a cadre whose scope is another street of the district', false, viewer(Role.CADRE, { scopeRegionPath: '/city/d1/s2/' })],
    ['a cadre whose scope is a look-alike district (d10)', false, viewer(Role.CADRE, { scopeRegionPath: '/city/d10/' })],
    ['a cadre whose scope lies below the grid’s region', false, viewer(Role.CADRE, { scopeRegionPath: '/city/d1/s1/c7/x/' })],
    ['a cadre out of scope but assigned to the grid', true, viewer(Role.CADRE, { gridIds: [GRID.id], scopeRegionPath: '/city/d2/' })],
    ['a worker of the grid', true, viewer(Role.GRID_WORKER, { gridWorkerId: 'w', gridIds: [GRID.id] })],
    ['a worker of another grid', false, viewer(Role.GRID_WORKER, { gridWorkerId: 'w', gridIds: [OTHER] })],
    // loadViewer never gives a worker a scope region; should one get there, a region is still a cadre's only.
    ['a worker of another grid carrying a scope region', false, viewer(Role.GRID_WORKER, { gridIds: [OTHER], scopeRegionPath: '/city/' })],
  ];

  it.each(cases)('%s sees the grid: %s', (_who, expected, who) => {
    assert.equal(viewerSeesGrid(who, GRID), expected);
  });

  /**
   * The same rule for random viewers and grids over a small tree, with "lies in the subtree" stated
   * by path segments (the scope's segments begin the grid's) rather than by text prefix.
   */
  it('agrees with the design’s rule for random viewers and grids', () => {
    const REGIONS = ['/city/', '/city/d1/', '/city/d10/', '/city/d1/s1/', '/city/d1/s1/c7/', '/city/d1/s2/', '/city/d10/s1/', '/town/'];
    const GRIDS = ['g1', 'g2', 'g3', 'g4'];
    const segments = (path: string) => path.split('/').filter(Boolean);
    const within = (path: string, scope: string) => segments(scope).every((segment, i) => segments(path)[i] === segment);
    const expected = (who: Viewer | null, grid: { id: string; regionPath: string }): boolean => {
      if (!who) return false;
      if (who.role === Role.ADMIN) return true;
      const assigned = who.gridIds.includes(grid.id);
      if (who.role === Role.GRID_WORKER) return assigned;
      return assigned || (who.scopeRegionPath !== null && within(grid.regionPath, who.scopeRegionPath));
    };
    fc.assert(
      fc.property(
        fc.option(
          fc.record({
            role: fc.constantFrom(Role.ADMIN, Role.CADRE, Role.GRID_WORKER),
            cadreId: fc.option(fc.constant('c1')),
            gridIds: fc.uniqueArray(fc.constantFrom(...GRIDS), { maxLength: 2 }),
            scopeRegionPath: fc.option(fc.constantFrom(...REGIONS)),
          }),
          { freq: 8 },
        ),
        fc.record({ id: fc.constantFrom(...GRIDS), regionPath: fc.constantFrom(...REGIONS) }),
        (over, grid) => {
          const who = over && viewer(over.role, over);
          assert.equal(viewerSeesGrid(who, grid), expected(who, grid), `viewer ${JSON.stringify(who)} grid ${JSON.stringify(grid)}`);
        },
      ),
      { numRuns: 500, seed: fuzzSeed('scope-policy') },
    );
  });
});
