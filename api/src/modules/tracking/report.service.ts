/**
 * reportIssue: a resident's problem becomes an issue with a tracking code, a
 * SUBMITTED event and deadlines from its category.
 *
 * Idempotency lives in the database: the unique index on
 * (idempotency_scope, idempotency_key) and `insert … on conflict do nothing`.
 * Of any number of simultaneous copies exactly one inserts; the others wait
 * for it at the index, insert nothing, and read the winner's issue back.
 *
 * A report is one round trip: a script of two statements that PostgreSQL runs
 * as one transaction — the issue, inserted from its category and grid rows (no
 * lookups beforehand, nothing cached that could go stale), then its SUBMITTED
 * event. Two statements, not one, because the statistics roll-up trigger of the
 * issue insert must take its row locks before the event takes the append lock,
 * in the order every workflow transition takes them. The answer is built from
 * what the insert returned. Lookups that explain a refusal run only when the
 * insert found no category or grid.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeScript } from '../../db/raw-sql';
import { sql, timestamptz, type SQL } from '../../db/sql';
import { IssueEventType, IssueStatus } from '../../domain/enums';
import { DEFAULT_WORK_TIME, type WorkTime } from '../../domain/work-time';
import { isUuid } from '../../domain/validate';
import { badInput, conflict, notFound } from '../../errors';
import { Category } from '../categories/category.entity';
import { gridAt, requireGrid } from '../grids/grid.service';
import { appendEventsStatement } from '../issues/event-append';
import type { ReportIssueInput } from '../issues/issue.type';
import type { EventNotifier } from '../realtime/event-notifier';
import { PhotoStage } from '../photos/photo.entity';
import { attachStatement, requireOwnUploads } from '../photos/photo.service';
import { parseReportInput, type ParsedReport } from './report-input';
import { newTrackingCode } from './tracking-code';
import { loadTrackedIssue, toTrackedIssue, type TrackedRow } from './tracking.service';
import type { TrackedIssue } from './tracked-issue.type';

export interface ReportRequest {
  /** Who is reporting, as `withReportAccess` names it; an idempotency key is unique within it. */
  scope: string;
  /** The staff member's display name for the timeline, or null for the public (never the reporter's name). */
  actorName: string | null;
  input: ReportIssueInput;
  events: EventNotifier;
  /** The clock (the demo seeder and test fixtures bring their own). */
  now?: () => Date;
  /** TIME_ZONE and WORKING_HOURS (the defaults when not given). */
  workTime?: WorkTime;
}

export interface ReportResult {
  trackingCode: string;
  issue: TrackedIssue;
  issueId: string;
  /** False when the key had been used before and the earlier issue came back. */
  created: boolean;
}

/** A 60-bit code colliding is astronomically unlikely; retry a few times anyway. */
const CODE_ATTEMPTS = 3;

/**
 * Inserts the issue from its category and grid rows, and answers with the
 * TrackedIssue columns: one row with `id` null when nothing was inserted (the
 * key was used before, or the code collided), no row when the category or the
 * grid does not exist. Deadlines come from the category's time limits, in
 * working time where they say so (lastmeter_deadline: the work calendar, TIME_ZONE, WORKING_HOURS).
 */
function insertIssue(attempt: IntakeAttempt): SQL {
  const { report, gridId, id, trackingCode, now } = attempt;
  const { timeZone, workingHours } = attempt.workTime ?? DEFAULT_WORK_TIME;
  const v = (value: unknown) => sql.value(value);
  const at = timestamptz(now);
  return sql.query`with place as (
    select c.code as category_code, c.name as category_name, c.name_en as category_name_en, c."group" as category_group,
           c.response_hours, c.resolve_hours, c.response_limit_amount, c.response_limit_unit, c.resolve_limit_amount, c.resolve_limit_unit,
           c.requires_after_photo,
           g.id as grid_id, g.region_path, g.name as grid_name
    from category c, grid g where c.code = ${v(report.categoryCode)} and g.id = ${v(gridId)}
  ), created as (
    insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path,
      latitude, longitude, address, reporter_anonymous, reporter_name, reporter_phone, notify, version,
      created_at, updated_at, response_due_at, resolve_due_at, idempotency_scope, idempotency_key, idempotency_hash)
    select ${v(id)}, ${v(trackingCode)}, ${v(report.title)}, ${v(report.description)}, p.category_code, ${v(IssueStatus.SUBMITTED)}, ${v(report.channel)},
      p.grid_id, p.region_path, ${v(report.latitude)}, ${v(report.longitude)}, ${v(report.address)}, ${v(report.anonymous)}, ${v(report.reporterName)},
      ${v(report.reporterPhone)}, ${v(report.notify)}, 1, ${at}, ${at},
      lastmeter_deadline(${at}, p.response_limit_amount, p.response_limit_unit, ${v(timeZone)}, ${v(workingHours)}),
      lastmeter_deadline(${at}, p.resolve_limit_amount, p.resolve_limit_unit, ${v(timeZone)}, ${v(workingHours)}),
      ${v(attempt.scope)}, ${v(report.idempotencyKey)}, ${v(reportContentHash(report))}
    from place p
    on conflict do nothing
    returning id, tracking_code, status, created_at, updated_at, resolve_due_at
  )
  select created.*, place.grid_name, place.category_code, place.category_name, place.category_name_en, place.category_group,
         place.response_hours, place.resolve_hours, place.response_limit_amount, place.response_limit_unit,
         place.resolve_limit_amount, place.resolve_limit_unit, place.requires_after_photo
  from place left join created on true`;
}

type InsertedRow = Omit<TrackedRow, 'id'> & { id: string | null };

/** The grid the report names, or the one its location lies in. */
async function reportGridId(em: EntityManager, report: ParsedReport): Promise<string> {
  if (report.gridId) {
    // A malformed id names no grid (and must not reach the uuid column).
    if (!isUuid(report.gridId)) throw notFound('Grid (input.gridId)', report.gridId);
    return report.gridId;
  }
  const grid = await gridAt(em, report.latitude!, report.longitude!);
  if (!grid) {
    throw badInput(
      `The location (${report.latitude}, ${report.longitude}) lies inside no grid we know: choose the grid (input.gridId) instead.`,
      'input.location',
    );
  }
  return grid.id;
}

/** Refuses the report when its category or grid does not exist (the insert found no row for them). */
async function requireCategoryAndGrid(em: EntityManager, categoryCode: string, gridId: string): Promise<void> {
  if (!(await em.findOne(Category, { code: categoryCode }))) {
    throw badInput(`Unknown categoryCode "${categoryCode.slice(0, 50)}": query categories { code name } for the valid codes.`, 'input.categoryCode');
  }
  await requireGrid(em, gridId, 'input.gridId');
}

interface ExistingIssue {
  id: string;
  tracking_code: string;
  idempotency_hash: string | null;
}

async function existingIssue(em: EntityManager, scope: string, key: string): Promise<ExistingIssue | null> {
  const [row] = await em.execute<ExistingIssue[]>(
    'select id, tracking_code, idempotency_hash from issue where idempotency_scope = ? and idempotency_key = ?',
    [scope, key],
  );
  return row ?? null;
}

/**
 * What a report says, hashed: stored with its idempotency key, so a retry
 * (same content) gets the stored issue back and a different report under a
 * used key is refused, as Stripe does. The reporter's name and phone are left
 * out: a widget never keeps them on the device, so a report resent after a
 * reload comes without them and is still the same report.
 */
export function reportContentHash(report: ParsedReport): string {
  const content = [
    report.categoryCode,
    report.title,
    report.description,
    report.gridId,
    report.latitude,
    report.longitude,
    report.address,
    report.channel,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function keyReusedConflict(key: string) {
  return conflict(
    `The idempotency key "${key.slice(0, 80)}" was already used for a different report: send a new key with a new report (a retry must repeat the report unchanged).`,
    { idempotencyKey: key },
  );
}

/** What one attempt of the intake writes. */
export interface IntakeAttempt {
  report: ParsedReport;
  gridId: string;
  id: string;
  trackingCode: string;
  now: Date;
  scope: string;
  actorName: string | null;
  /** Uploads of `scope` to attach as REPORT photos (checked beforehand by requireOwnUploads). */
  photoIds?: readonly string[];
  workTime?: WorkTime;
}

/**
 * The intake's one round trip: the issue inserted from its category and grid rows, then its SUBMITTED event
 * (also sent as-is by the benchmark's raw floor, so both do the same work).
 */
export function intakeScript(attempt: IntakeAttempt): SQL[] {
  const { id, now } = attempt;
  const submitted = { issueId: id, type: IssueEventType.SUBMITTED, fromStatus: null, toStatus: IssueStatus.SUBMITTED, actorName: attempt.actorName, at: now };
  const photos = attempt.photoIds?.length
    ? [attachStatement({ issueId: id, photoIds: attempt.photoIds, scope: attempt.scope, stage: PhotoStage.REPORT, addedBy: null, at: now })]
    : [];
  // The photos in the same transaction as the issue: a report is stored whole with its photos, or not at all.
  return [insertIssue(attempt), ...photos, appendEventsStatement([submitted], { ifIssueExists: id })];
}

export async function submitReport(em: EntityManager, request: ReportRequest): Promise<ReportResult> {
  const report = parseReportInput(request.input);
  const contentHash = reportContentHash(report);
  const gridId = await reportGridId(em, report);
  const photoIds = await requireOwnUploads(em, request.scope, request.input.photoIds ?? [], 'input.photoIds');

  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const now = request.now ? request.now() : new Date();
    const id = randomUUID();
    const trackingCode = newTrackingCode();
    const script = intakeScript({ report, gridId, id, trackingCode, now, scope: request.scope, actorName: request.actorName, photoIds, workTime: request.workTime });
    const [inserted] = await executeScript(em, script);
    const row = inserted[0] as InsertedRow | undefined;
    if (!row) {
      // No category or grid row: refuse, unless both exist now (created meanwhile), then try again.
      await requireCategoryAndGrid(em, report.categoryCode, gridId);
      continue;
    }
    if (row.id) {
      request.events.eventsCommitted();
      // Just created: the timeline is the one SUBMITTED event (public notes only, no actor).
      const timeline = [{ type: IssueEventType.SUBMITTED, toStatus: IssueStatus.SUBMITTED, publicNote: null, at: now.toISOString() }];
      return { trackingCode, issueId: id, issue: toTrackedIssue(row, timeline), created: true };
    }
    // Nothing inserted: either this key was used before (return that issue), or the code collided (try another).
    const existing = await existingIssue(em, request.scope, report.idempotencyKey);
    if (existing) {
      if (existing.idempotency_hash !== null && existing.idempotency_hash !== contentHash) throw keyReusedConflict(report.idempotencyKey);
      return { trackingCode: existing.tracking_code, issueId: existing.id, issue: (await loadTrackedIssue(em, existing.tracking_code))!, created: false };
    }
  }
  throw new Error('could not store the report: no unique tracking code, or its category or grid kept changing');
}
