/**
 * What the public sees of an issue (TrackedIssue), by tracking code or id.
 * Built from an explicit column list, so the reporter, staff notes and the
 * resolution text cannot leak by accident: the public timeline carries
 * event types, statuses, times and `publicNote`s only.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { fixedStatement, runFixed } from '../../db/prepared-sql';
import { sql, type SQL } from '../../db/sql';
import type { IssueStatus, TimeUnit } from '../../domain/enums';
import type { CategoryType } from '../categories/category.type';
import { categoryObject, isoTime, publicEventObject } from '../issues/issue-sql';
import { publicPhotoRows } from '../photos/photo-sql';
import type { PublicIssueEventType } from '../issues/issue.type';
import { normaliseTrackingCode } from './tracking-code';
import type { TrackedIssue } from './tracked-issue.type';

/** An issue row as the intake's insert returns it (report.service.ts). */
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
  requires_after_photo: boolean;
  response_limit_amount: number;
  response_limit_unit: TimeUnit;
  resolve_limit_amount: number;
  resolve_limit_unit: TimeUnit;
}

const i = sql.identifier('i');
const g = sql.identifier('g');
const c = sql.identifier('c');
const e = sql.identifier('e');
const ALL_CATEGORY_FIELDS = { code: {}, name: {}, nameEn: {}, group: {}, responseHours: {}, resolveHours: {}, requiresAfterPhoto: {}, responseLimit: {}, resolveLimit: {} };

/**
 * The whole public view of an issue, built by PostgreSQL as the TrackedIssue
 * JSON, in one statement: the same for every subscriber of a live tracker,
 * whatever each selects, so it is never planned per query. Its column list is
 * explicit: nothing personal or staff-only can reach it.
 */
function trackedObject(i: SQL, g: SQL, c: SQL, e: SQL, mergedInto: SQL): SQL {
  return sql.fragment`json_build_object(
    'trackingCode', ${i}.tracking_code, 'status', ${i}.status, 'category', ${categoryObject(c, ALL_CATEGORY_FIELDS)}, 'gridName', ${g}.name,
    'submittedAt', ${isoTime(sql.fragment`${i}.created_at`)}, 'updatedAt', ${isoTime(sql.fragment`${i}.updated_at`)},
    'resolveDueAt', ${isoTime(sql.fragment`${i}.resolve_due_at`)},
    'photoRows', ${publicPhotoRows(i)},
    'extendedTo', ${isoTime(sql.fragment`${i}.extended_to`)},
    'mergedInto', ${mergedInto},
    'timeline', coalesce((select json_agg(${publicEventObject(e)} order by ${e}.seq) from issue_event ${e} where ${e}.issue_id = ${i}.id), '[]'::json))`;
}

/** A merged report's tracker shows the primary's public view (one level: a primary is never itself merged). */
const p = sql.identifier('p');
const pg = sql.identifier('pg');
const pc = sql.identifier('pc');
const pe = sql.identifier('pe');
const PRIMARY = sql.fragment`(select ${trackedObject(p, pg, pc, pe, sql.fragment`null`)} from issue ${p} join grid ${pg} on ${pg}.id = ${p}.grid_id
  join category ${pc} on ${pc}.code = ${p}.category_code where ${p}.id = ${i}.merged_into_id)`;

const TRACKED_ISSUE = trackedObject(i, g, c, e, PRIMARY);

/** The public hot path: compiled once, planned once per connection (prepared-sql.ts). */
const TRACKED_BY_CODE = fixedStatement(1, (code) =>
  sql.query`select ${TRACKED_ISSUE} as tracked from issue ${i} join grid ${g} on ${g}.id = ${i}.grid_id
    join category ${c} on ${c}.code = ${i}.category_code where ${i}.tracking_code = ${code}`,
);

/**
 * The TrackedIssue for what someone typed as a tracking code (normalised:
 * case, dashes, I→1, O→0), or null when no issue has that code.
 * Works inside or outside a transaction (it uses `em.execute`).
 */
export async function loadTrackedIssue(em: EntityManager, trackingCode: string): Promise<TrackedIssue | null> {
  const code = normaliseTrackingCode(trackingCode);
  if (!code) return null;
  const [row] = await runFixed<{ tracked: TrackedIssue }>(em, TRACKED_BY_CODE, [code]);
  return row?.tracked ?? null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The public view of an issue the intake just inserted, from its row and its (public) timeline. */
export function toTrackedIssue(row: Omit<TrackedRow, 'id'>, timeline: readonly PublicIssueEventType[]): TrackedIssue {
  const category: CategoryType = {
    code: row.category_code,
    name: row.category_name,
    nameEn: row.category_name_en,
    group: row.category_group,
    responseHours: Number(row.response_hours),
    resolveHours: Number(row.resolve_hours),
    requiresAfterPhoto: row.requires_after_photo === true,
    responseLimit: { amount: Number(row.response_limit_amount), unit: row.response_limit_unit },
    resolveLimit: { amount: Number(row.resolve_limit_amount), unit: row.resolve_limit_unit },
  };
  return {
    trackingCode: row.tracking_code,
    status: row.status,
    category,
    gridName: row.grid_name,
    submittedAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    resolveDueAt: iso(row.resolve_due_at),
    extendedTo: null,
    mergedInto: null,
    timeline: [...timeline],
    // Just reported: its photos are REPORT photos, never public until staff publish them.
    photoRows: [],
  };
}
