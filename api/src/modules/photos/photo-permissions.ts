/**
 * Who may add evidence photos to an issue and who may publish them, given that the
 * issue is already in the viewer's scope (callers find it through the scope first).
 * Kept as plain functions so the workflow table (availableActions: ADD_PHOTOS) can ask them too.
 */
import { IssueStatus, Role } from '../../domain/enums';
import type { Viewer } from '../auth/viewer';
import type { IssuePermissionFacts } from '../issues/workflow-permissions';

/** The assignee, a worker of the issue's grid, or an admin: the people on site. */
export function mayAddPhotos(viewer: Viewer, issue: IssuePermissionFacts): boolean {
  if (viewer.role === Role.ADMIN) return true;
  if (viewer.role === Role.GRID_WORKER) return viewer.gridIds.includes(issue.gridId);
  return viewer.role === Role.CADRE && viewer.cadreId !== null && viewer.cadreId === issue.assigneeId;
}

/** Closed, rejected and merged issues take no more photos: their record is final. */
export const PHOTOS_CLOSED_STATUSES: readonly IssueStatus[] = [IssueStatus.CLOSED, IssueStatus.REJECTED, IssueStatus.MERGED];

/** ADD_PHOTOS in availableActions: the people on site, while the issue still takes photos. */
export function mayAddPhotosNow(viewer: Viewer, issue: IssuePermissionFacts & { status: IssueStatus }): boolean {
  return !PHOTOS_CLOSED_STATUSES.includes(issue.status) && mayAddPhotos(viewer, issue);
}

/** Showing a photo on the public tracker (or taking it off): the people who may add photos, and any cadre in scope. */
export function mayPublishPhotos(viewer: Viewer, issue: IssuePermissionFacts): boolean {
  return mayAddPhotos(viewer, issue) || viewer.role === Role.CADRE;
}
