/**
 * Reporter name and phone are personal data: shown in full only to the grid's
 * workers, the assignee and admins. This module is the one place where stored
 * contact details are read for an answer: {@link reporterOf} decides, per
 * viewer, whether they leave masked or whole (the place to record unmasked reads).
 */
import { Role } from '../../domain/enums';
import type { Viewer } from '../auth/viewer';
import type { ReporterContact } from './issue.row';

export function maskPhone(phone: string): string {
  if (phone.length <= 4) return '*'.repeat(phone.length);
  if (phone.length < 8) return `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length === 0 ? '' : `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)))}`;
}

export function mayReadReporter(viewer: Viewer | null, contact: Pick<ReporterContact, 'gridId' | 'assigneeId'>): boolean {
  if (!viewer) return false;
  if (viewer.role === Role.ADMIN) return true;
  if (viewer.role === Role.GRID_WORKER) return viewer.gridIds.includes(contact.gridId);
  return viewer.cadreId !== null && contact.assigneeId === viewer.cadreId;
}

/** Whether the viewer is shown a name or phone in full (what the audit log records). */
export function showsContactDetails(viewer: Viewer | null, contact: ReporterContact): boolean {
  return (contact.name != null || contact.phone != null) && mayReadReporter(viewer, contact);
}

/** The Reporter a viewer may see: whole for those {@link mayReadReporter} allows, masked for everyone else. */
export function reporterOf(viewer: Viewer | null, contact: ReporterContact): { anonymous: boolean; name: string | null; phone: string | null } {
  const full = mayReadReporter(viewer, contact);
  const name = contact.name ?? null;
  const phone = contact.phone ?? null;
  return {
    anonymous: contact.anonymous,
    name: name === null ? null : full ? name : maskName(name),
    phone: phone === null ? null : full ? phone : maskPhone(phone),
  };
}
