/**
 * What the public sees of an issue (TrackedIssue), by tracking code or id.
 * Built from an explicit column list, so the reporter, staff notes and the
 * resolution text cannot leak by accident: the public timeline carries
 * event types, statuses, times and `publicNote`s only.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IssueEventType, IssueStatus } from '../../domain/enums';
import type { CategoryType } from '../categories/category.type';
import type { PublicIssueEventType } from '../issues/issue.type';
import { normaliseTrackingCode } from './tracking-code';
import type { TrackedIssue } from './tracked-issue.type';

/** An issue row as `SELECT_TRACKED` (or a statement with the same column names) returns it. */
export interface TrackedRow {
  id: string;
  tracking_code: string;
  status: IssueStatus;
  created_at: Date | string;
  updated_at: Date | string;
  resolve_due_at: Date | string;
  grid_name: string;
  category_code: string;
  category_name: string;
  category_name_en: string;
  category_group: string;
  response_hours: number;
  resolve_hours: number;
}

export interface PublicEventRow {
  type: IssueEventType;
  to_status: IssueStatus;
  public_note: string | null;
  at: Date | string;
}

const SELECT_TRACKED = `select i.id, i.tracking_code, i.status, i.created_at, i.updated_at, i.resolve_due_at,
    g.name as grid_name, c.code as category_code, c.name as category_name, c.name_en as category_name_en,
    c."group" as category_group, c.response_hours, c.resolve_hours
  from issue i join grid g on g.id = i.grid_id join category c on c.code = i.category_code`;

/**
 * The TrackedIssue for what someone typed as a tracking code (normalised:
 * case, dashes, I→1, O→0), or null when no issue has that code.
 * Works inside or outside a transaction (it uses `em.execute`).
 */
export async function loadTrackedIssue(em: EntityManager, trackingCode: string): Promise<TrackedIssue | null> {
  const code = normaliseTrackingCode(trackingCode);
  if (!code) return null;
  return loadWhere(em, 'i.tracking_code = ?', code);
}

async function loadWhere(em: EntityManager, condition: string, value: string): Promise<TrackedIssue | null> {
  const [row] = await em.execute<TrackedRow[]>(`${SELECT_TRACKED} where ${condition}`, [value]);
  if (!row) return null;
  const events = await em.execute<PublicEventRow[]>(
    'select type, to_status, public_note, at from issue_event where issue_id = ? order by seq',
    [row.id],
  );
  return toTrackedIssue(row, events);
}

/** The public view of an issue from its row and its public timeline (oldest first). */
export function toTrackedIssue(row: Omit<TrackedRow, 'id'>, events: readonly PublicEventRow[]): TrackedIssue {
  const category: CategoryType = {
    code: row.category_code,
    name: row.category_name,
    nameEn: row.category_name_en,
    group: row.category_group,
    responseHours: Number(row.response_hours),
    resolveHours: Number(row.resolve_hours),
  };
  const timeline: PublicIssueEventType[] = events.map((e) => ({
    type: e.type,
    toStatus: e.to_status,
    publicNote: e.public_note,
    at: new Date(e.at),
  }));
  return {
    trackingCode: row.tracking_code,
    status: row.status,
    category,
    gridName: row.grid_name,
    submittedAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    resolveDueAt: new Date(row.resolve_due_at),
    timeline,
  };
}
