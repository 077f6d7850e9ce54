/**
 * Which issues a viewer may see — default deny. The same rule in two forms:
 * a SQL condition for queries and a predicate for live events. Any issue read
 * goes through {@link issueScopeSql}; lifting it must be written out.
 */
import { sql, type SQL } from '../../db/sql';
import { Role } from '../../domain/enums';
import type { Viewer } from './viewer';

/** What the rule needs to know about an issue. */
export interface IssueScopeFacts {
  gridId: string;
  assigneeId: string | null | undefined;
  regionPath: string;
}

export function viewerSeesIssue(viewer: Viewer | null, issue: IssueScopeFacts): boolean {
  if (!viewer) return false;
  switch (viewer.role) {
    case Role.ADMIN:
      return true;
    case Role.CADRE:
      return (
        viewer.gridIds.includes(issue.gridId) ||
        (viewer.cadreId !== null && issue.assigneeId === viewer.cadreId) ||
        (viewer.scopeRegionPath !== null && issue.regionPath.startsWith(viewer.scopeRegionPath))
      );
    case Role.GRID_WORKER:
      return viewer.gridIds.includes(issue.gridId);
    default:
      return false;
  }
}

/** A viewer sees a grid (its people, visits) when it works there or the grid lies in its scope region. */
export function viewerSeesGrid(viewer: Viewer | null, grid: { id: string; regionPath: string }): boolean {
  if (!viewer) return false;
  if (viewer.role === Role.ADMIN) return true;
  if (viewer.gridIds.includes(grid.id)) return true;
  return viewer.role === Role.CADRE && viewer.scopeRegionPath !== null && grid.regionPath.startsWith(viewer.scopeRegionPath);
}

/**
 * The scope as a SQL condition over the issue table `alias` (pg-sql2).
 * `null` means no restriction (admins only); no viewer matches nothing.
 */
export function issueScopeSql(viewer: Viewer | null, alias: SQL): SQL | null {
  const none = sql.fragment`false`;
  if (!viewer) return none;
  if (viewer.role === Role.ADMIN) return null;
  const parts: SQL[] = [];
  if (viewer.gridIds.length > 0) parts.push(sql.fragment`${alias}.grid_id = any(${sql.value(`{${viewer.gridIds.join(',')}}`)}::uuid[])`);
  if (viewer.role === Role.CADRE) {
    if (viewer.cadreId) parts.push(sql.fragment`${alias}.assignee_id = ${sql.value(viewer.cadreId)}::uuid`);
    if (viewer.scopeRegionPath) parts.push(inSubtree(alias, viewer.scopeRegionPath));
  }
  if (parts.length === 0) return none;
  return sql.fragment`(${sql.join(parts, ' or ')})`;
}

/** Rows of `alias` (with a `region_path`) in the subtree of the region at `path`. */
export function inSubtree(alias: SQL, path: string): SQL {
  return sql.fragment`${alias}.region_path like ${sql.value(`${escapeLike(path)}%`)}`;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
