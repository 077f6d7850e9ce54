/** Reporter name and phone are personal data: shown in full only to the grid's workers, the assignee and admins. */
import { Role } from '../../domain/enums';
import type { Viewer } from '../auth/viewer';
import type { Issue } from './issue.entity';

export function maskPhone(phone: string): string {
  if (phone.length <= 4) return '*'.repeat(phone.length);
  if (phone.length < 8) return `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length === 0 ? '' : `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)))}`;
}

export function mayReadReporter(viewer: Viewer | null, issue: Issue): boolean {
  if (!viewer) return false;
  if (viewer.role === Role.ADMIN) return true;
  if (viewer.role === Role.GRID_WORKER) return viewer.gridIds.includes(issue.grid.id);
  return viewer.cadreId !== null && issue.assignee?.id === viewer.cadreId;
}

/** Whether the viewer is shown a name or phone in full (what the audit log records). */
export function showsContactDetails(viewer: Viewer | null, issue: Issue): boolean {
  return (issue.reporterName != null || issue.reporterPhone != null) && mayReadReporter(viewer, issue);
}

export function reporterOf(viewer: Viewer | null, issue: Issue) {
  const full = mayReadReporter(viewer, issue);
  const name = issue.reporterName ?? null;
  const phone = issue.reporterPhone ?? null;
  return {
    anonymous: issue.reporterAnonymous,
    name: name === null ? null : full ? name : maskName(name),
    phone: phone === null ? null : full ? phone : maskPhone(phone),
  };
}
