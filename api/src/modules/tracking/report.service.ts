/**
 * reportIssue: a resident's problem becomes an issue with a tracking code, a
 * SUBMITTED event and deadlines from its category.
 *
 * Idempotency lives in the database: the unique index on
 * (idempotency_scope, idempotency_key) and `insert … on conflict do nothing`.
 * Of any number of simultaneous copies exactly one inserts; the others wait
 * for it at the index, insert nothing, and read the winner's issue back.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IssueEventType, IssueStatus } from '../../domain/enums';
import { badInput } from '../../errors';
import { Category } from '../categories/category.entity';
import type { Grid } from '../grids/grid.entity';
import { gridAt, requireGrid } from '../grids/grid.service';
import { appendIssueEvents } from '../issues/event-append';
import type { ReportIssueInput } from '../issues/issue.type';
import type { EventNotifier } from '../realtime/event-notifier';
import { parseReportInput, type ParsedReport } from './report-input';
import { newTrackingCode } from './tracking-code';
import { loadTrackedIssue, loadTrackedIssueById } from './tracking.service';
import type { TrackedIssue } from './tracked-issue.type';

export interface ReportRequest {
  /** Who is reporting, as `authorizeReport` names it; an idempotency key is unique within it. */
  scope: string;
  /** The staff member's display name for the timeline, or null for the public (never the reporter's name). */
  actorName: string | null;
  input: ReportIssueInput;
  events: EventNotifier;
  /** The clock (the demo seeder and test fixtures bring their own). */
  now?: () => Date;
}

export interface ReportResult {
  trackingCode: string;
  issue: TrackedIssue;
  issueId: string;
  /** False when the key had been used before and the earlier issue came back. */
  created: boolean;
}

const HOUR_MS = 3_600_000;
/** A collision of 60-bit codes is astronomically unlikely; retry a few times anyway. */
const CODE_ATTEMPTS = 3;

async function findCategory(em: EntityManager, code: string): Promise<Category> {
  const category = await em.findOne(Category, { code });
  if (!category) {
    throw badInput(`Unknown categoryCode "${code.slice(0, 50)}": query categories { code name } for the valid codes.`, 'input.categoryCode');
  }
  return category;
}

async function findGrid(em: EntityManager, report: ParsedReport): Promise<Grid> {
  if (report.gridId) return requireGrid(em, report.gridId, 'input.gridId');
  const grid = await gridAt(em, report.latitude!, report.longitude!);
  if (!grid) {
    throw badInput(
      `The location (${report.latitude}, ${report.longitude}) lies inside no grid we know: choose the grid (input.gridId) instead.`,
      'input.location',
    );
  }
  return grid;
}

async function existingIssue(em: EntityManager, scope: string, key: string): Promise<{ id: string; tracking_code: string } | null> {
  const [row] = await em.execute<{ id: string; tracking_code: string }[]>(
    'select id, tracking_code from issue where idempotency_scope = ? and idempotency_key = ?',
    [scope, key],
  );
  return row ?? null;
}

export async function submitReport(em: EntityManager, request: ReportRequest): Promise<ReportResult> {
  const report = parseReportInput(request.input);
  const category = await findCategory(em, report.categoryCode);
  const grid = await findGrid(em, report);

  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const now = request.now ? request.now() : new Date();
    const id = randomUUID();
    const trackingCode = newTrackingCode();
    const inserted = await em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string }[]>(
        `insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path,
           latitude, longitude, address, reporter_anonymous, reporter_name, reporter_phone, version,
           created_at, updated_at, response_due_at, resolve_due_at, idempotency_scope, idempotency_key)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)
         on conflict do nothing returning id`,
        [
          id,
          trackingCode,
          report.title,
          report.description,
          category.code,
          IssueStatus.SUBMITTED,
          report.channel,
          grid.id,
          grid.regionPath,
          report.latitude,
          report.longitude,
          report.address,
          report.anonymous,
          report.reporterName,
          report.reporterPhone,
          now,
          now,
          new Date(now.getTime() + category.responseHours * HOUR_MS),
          new Date(now.getTime() + category.resolveHours * HOUR_MS),
          request.scope,
          report.idempotencyKey,
        ],
      );
      if (rows.length === 0) return false;
      await appendIssueEvents(tx, [
        { issueId: id, type: IssueEventType.SUBMITTED, fromStatus: null, toStatus: IssueStatus.SUBMITTED, actorName: request.actorName, at: now },
      ]);
      return true;
    });
    if (inserted) {
      request.events.eventsCommitted();
      return { trackingCode, issueId: id, issue: (await loadTrackedIssueById(em, id))!, created: true };
    }
    // Nothing inserted: either this key was used before (return that issue), or the code collided (try another).
    const existing = await existingIssue(em, request.scope, report.idempotencyKey);
    if (existing) {
      return { trackingCode: existing.tracking_code, issueId: existing.id, issue: (await loadTrackedIssue(em, existing.tracking_code))!, created: false };
    }
  }
  throw new Error('could not allocate a unique tracking code');
}
