/**
 * Attaching photos to an issue (addIssuePhotos) and publishing them (setPhotoPublic):
 * one transaction each, the issue found through the viewer's scope (out of scope is
 * NOT_FOUND) and locked, an event appended (PHOTOS_ADDED, PHOTO_VISIBILITY_CHANGED) so
 * live feeds and the tracker update, then the notifier told after the commit.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql } from '../../db/sql';
import { IssueEventType, type IssueStatus } from '../../domain/enums';
import { isUuid } from '../../domain/validate';
import { badInput, conflict, forbidden, notFound } from '../../errors';
import { issueScopeSql } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import { appendIssueEvents } from '../issues/event-append';
import type { EventNotifier } from '../realtime/event-notifier';
import { PhotoStage } from './photo.entity';
import { PHOTOS_CLOSED_STATUSES, mayAddPhotos, mayPublishPhotos } from './photo-permissions';
import { attachStatement, requireOwnUploads } from './photo.service';

export interface PhotoActor {
  em: EntityManager;
  viewer: Viewer;
  events: EventNotifier;
  now?: () => Date;
}

const STAGE_LABEL: Record<PhotoStage, string> = {
  [PhotoStage.REPORT]: '群众上报',
  [PhotoStage.BEFORE]: '处置前',
  [PhotoStage.AFTER]: '处置后',
};

interface LockedIssue {
  id: string;
  status: IssueStatus;
  gridId: string;
  regionPath: string;
  assigneeId: string | null;
}

async function lockIssue(tx: EntityManager, viewer: Viewer, id: string): Promise<LockedIssue | null> {
  if (!isUuid(id)) return null;
  const i = sql.identifier('i');
  const scope = issueScopeSql(viewer, i);
  const [row] = await runSql<{ id: string; status: IssueStatus; grid_id: string; region_path: string; assignee_id: string | null }>(
    tx,
    sql.query`select ${i}.id, ${i}.status, ${i}.grid_id, ${i}.region_path, ${i}.assignee_id from issue ${i}
      where ${i}.id = ${sql.value(id)}::uuid${scope ? sql.fragment` and ${scope}` : sql.blank} for update`,
  );
  return row ? { id: row.id, status: row.status, gridId: row.grid_id, regionPath: row.region_path, assigneeId: row.assignee_id } : null;
}

/** The uploader scope of a signed-in staff member, as authorizeReport names it. */
export const staffScope = (viewer: Viewer) => `user:${viewer.userId}`;

/** Attaches the viewer's own uploads at BEFORE or AFTER (AFTER ones public at once); returns the issue id. */
export async function addIssuePhotos(actor: PhotoActor, id: string, photoIds: readonly string[], stage: PhotoStage): Promise<string> {
  if (stage === PhotoStage.REPORT) throw badInput('Staff add BEFORE or AFTER photos; REPORT photos come with the report.', 'stage');
  if (photoIds.length === 0) throw badInput('photoIds: give at least one id from POST /uploads.', 'photoIds');
  const at = (actor.now ?? (() => new Date()))();
  const scope = staffScope(actor.viewer);
  await actor.em.transactional(async (tx) => {
    const issue = await lockIssue(tx, actor.viewer, id);
    if (!issue) throw notFound('Issue', id);
    if (!mayAddPhotos(actor.viewer, issue)) throw forbidden("Only the assigned cadre or the grid's workers (or an admin) may add photos to this issue.");
    if (PHOTOS_CLOSED_STATUSES.includes(issue.status)) {
      throw conflict(`The issue is ${issue.status}: its record is final and takes no more photos.`, { currentStatus: issue.status });
    }
    const ids = await requireOwnUploads(tx, scope, photoIds, 'photoIds');
    const added = await runSql<{ id: string }>(tx, attachStatement({ issueId: issue.id, photoIds: ids, scope, stage, addedBy: actor.viewer.displayName, at }));
    if (added.length === 0) return;
    await appendIssueEvents(tx, [
      {
        issueId: issue.id,
        type: IssueEventType.PHOTOS_ADDED,
        fromStatus: issue.status,
        toStatus: issue.status,
        note: `${STAGE_LABEL[stage]}照片 ${added.length} 张`,
        publicNote: stage === PhotoStage.AFTER ? `已上传处置后照片 ${added.length} 张` : null,
        actorName: actor.viewer.displayName,
        at,
      },
    ]);
  });
  actor.events.eventsCommitted();
  return id;
}

/** Shows a photo on the public tracker or takes it off; returns the attachment id. */
export async function setPhotoPublic(actor: PhotoActor, attachmentId: string, makePublic: boolean): Promise<{ id: string; issueId: string }> {
  if (!isUuid(attachmentId)) throw notFound('Photo', attachmentId);
  const at = (actor.now ?? (() => new Date()))();
  const result = await actor.em.transactional(async (tx) => {
    const [attachment] = await runSql<{ issue_id: string; public: boolean; stage: PhotoStage }>(
      tx,
      sql.query`select issue_id, public, stage from issue_photo where id = ${sql.value(attachmentId)}::uuid`,
    );
    const issue = attachment ? await lockIssue(tx, actor.viewer, attachment.issue_id) : null;
    if (!attachment || !issue) throw notFound('Photo', attachmentId);
    if (!mayPublishPhotos(actor.viewer, issue)) throw forbidden('Only staff in charge of this issue may publish its photos.');
    if (attachment.public === makePublic) return { id: attachmentId, issueId: issue.id, changed: false };
    await runSql(tx, sql.query`update issue_photo set public = ${sql.value(makePublic)} where id = ${sql.value(attachmentId)}::uuid`);
    await appendIssueEvents(tx, [
      {
        issueId: issue.id,
        type: IssueEventType.PHOTO_VISIBILITY_CHANGED,
        fromStatus: issue.status,
        toStatus: issue.status,
        note: `${STAGE_LABEL[attachment.stage]}照片${makePublic ? '已公开' : '已取消公开'}`,
        actorName: actor.viewer.displayName,
        at,
      },
    ]);
    return { id: attachmentId, issueId: issue.id, changed: true };
  });
  if (result.changed) actor.events.eventsCommitted();
  return { id: result.id, issueId: result.issueId };
}

/** Refuses to resolve (BAD_USER_INPUT) when the issue's category asks for an AFTER photo and there is none. */
export async function requireAfterPhotoIfAsked(tx: EntityManager, issueId: string): Promise<void> {
  const [row] = await runSql<{ required: boolean; has_after: boolean }>(
    tx,
    sql.query`select c.requires_after_photo as required,
        exists (select 1 from issue_photo a where a.issue_id = i.id and a.stage = 'AFTER') as has_after
      from issue i join category c on c.code = i.category_code where i.id = ${sql.value(issueId)}::uuid`,
  );
  if (row?.required && !row.has_after) {
    throw badInput(
      'This category needs at least one AFTER (处置后) photo before the issue can be resolved: upload it and call addIssuePhotos with stage AFTER first.',
      'id',
    );
  }
}
