/**
 * Photos in the database: uploads (one row per uploader and content hash),
 * attachments to issues, publishing, the sweep of uploads never attached, and
 * deleting an issue's photos without touching files another photo still uses.
 *
 * Files and rows stay consistent under crashes and races by two rules:
 *  - a photo row is inserted only after its files are durably stored (photo-storage.ts);
 *  - files are checked, written or removed only while holding the transaction-scoped
 *    advisory lock of their content hash, and removed only when no row names that hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import { isUuid } from '../../domain/validate';
import { badInput } from '../../errors';
import type { Logger } from '../../server/logger';
import { PhotoFormat, PhotoStage } from './photo.entity';
import { readHeader, type GpsPosition, type PhotoProcessor } from './photo-processing';
import type { PhotoStorage } from './photo-storage';

/** At most this many photos per report and per addIssuePhotos call. */
export const MAX_PHOTOS_PER_CALL = 9;
/** Uploads not attached to any issue within this time are deleted by the sweep. */
export const UNATTACHED_TTL_MS = 24 * 3600 * 1000;

export interface UploadAnswer {
  id: string;
  width: number;
  height: number;
  bytes: number;
  /** The position the camera recorded, for the uploader to use once (never stored). */
  suggestedLocation?: GpsPosition;
}

export interface PhotoServices {
  storage: PhotoStorage;
  processor: PhotoProcessor;
}

/** The advisory lock of one content hash (hashtextextended folds the hash into the lock's bigint). */
const lockHash = (hash: string) => sql.fragment`select pg_advisory_xact_lock(hashtextextended(${sql.value(`photo:${hash}`)}, 0))`;

interface PhotoAnswerRow {
  id: string;
  width: number;
  height: number;
  bytes: number;
}

async function existingUpload(em: EntityManager, scope: string, hash: string): Promise<PhotoAnswerRow | undefined> {
  const [row] = await runSql<PhotoAnswerRow>(
    em,
    sql.query`select id, width, height, bytes from photo where uploader_scope = ${sql.value(scope)} and content_hash = ${sql.value(hash)}`,
  );
  return row;
}

/**
 * Stores one upload for `scope` (who uploads, as authorizeReport names it). The same bytes from the same
 * uploader give the same photo back. Throws ImageRejected for an image that cannot be decoded or is too large.
 */
export async function storeUpload(em: EntityManager, photos: PhotoServices, scope: string, input: Buffer, now = new Date()): Promise<UploadAnswer> {
  const hash = createHash('sha256').update(input).digest('hex');
  const known = await existingUpload(em, scope, hash);
  if (known) {
    const { gps } = await readHeader(input);
    return { ...known, ...(gps ? { suggestedLocation: gps } : {}) };
  }
  const processed = await photos.processor.process(input);
  const row = await em.transactional(async (tx) => {
    await runSql(tx, lockHash(hash));
    // Under the hash's lock: the sweep cannot remove the files between this check and the commit.
    if (!(await photos.storage.has(hash, processed.format))) {
      await photos.storage.put(hash, processed.format, processed.main.data, processed.thumb.data);
    }
    const [inserted] = await runSql<PhotoAnswerRow>(
      tx,
      sql.query`insert into photo (id, uploader_scope, content_hash, format, width, height, bytes, thumb_width, thumb_height, created_at)
        values (${sql.value(randomUUID())}, ${sql.value(scope)}, ${sql.value(hash)}, ${sql.value(processed.format)},
          ${sql.value(processed.main.width)}, ${sql.value(processed.main.height)}, ${sql.value(processed.main.data.length)},
          ${sql.value(processed.thumb.width)}, ${sql.value(processed.thumb.height)}, ${sql.value(now)})
        on conflict (uploader_scope, content_hash) do nothing returning id, width, height, bytes`,
    );
    return inserted ?? (await existingUpload(tx, scope, hash))!;
  });
  return { id: row.id, width: row.width, height: row.height, bytes: row.bytes, ...(processed.gps ? { suggestedLocation: processed.gps } : {}) };
}

/** Checks photo ids (at most 9, each an upload of `scope`); BAD_USER_INPUT naming `field` otherwise. Returns them without repeats. */
export async function requireOwnUploads(em: EntityManager, scope: string, ids: readonly string[], field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_PHOTOS_PER_CALL) throw badInput(`${field}: at most ${MAX_PHOTOS_PER_CALL} photos at a time.`, field);
  if (unique.length === 0) return unique;
  const malformed = unique.find((id) => !isUuid(id));
  if (malformed) throw badInput(`${field}: "${malformed.slice(0, 40)}" is not a photo id from POST /uploads.`, field);
  const rows = await runSql<{ id: string }>(
    em,
    sql.query`select id from photo where id = any(${sql.value(`{${unique.join(',')}}`)}::uuid[]) and uploader_scope = ${sql.value(scope)}`,
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw badInput(
      `${field}: no upload of yours with id ${missing[0]} (upload with POST /uploads using the same key or token; unattached uploads are kept 24 hours).`,
      field,
    );
  }
  return unique;
}

/**
 * One statement that attaches uploads of `scope` to an issue at a stage (nothing for ids already
 * attached there), locking the photo rows against the sweep; returns the attachments made.
 */
export function attachStatement(args: {
  issueId: string;
  photoIds: readonly string[];
  scope: string;
  stage: PhotoStage;
  addedBy: string | null;
  at: Date;
}): SQL {
  return sql.query`insert into issue_photo (id, issue_id, photo_id, stage, public, added_by, added_at)
      select gen_random_uuid(), i.id, p.id, ${sql.value(args.stage)}, ${sql.value(args.stage === PhotoStage.AFTER)}, ${sql.value(args.addedBy)},
        ${timestamptz(args.at)}
      from issue i, (select id from photo where id = any(${sql.value(`{${args.photoIds.join(',')}}`)}::uuid[])
        and uploader_scope = ${sql.value(args.scope)} for share) p
      where i.id = ${sql.value(args.issueId)}::uuid
      on conflict (issue_id, photo_id, stage) do nothing
      returning id`;
}

/** Removes the files of hashes no photo row names any more (each under its hash's lock). */
async function removeOrphanFiles(em: EntityManager, storage: PhotoStorage, files: readonly { hash: string; format: PhotoFormat }[], logger?: Logger) {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.hash)) continue;
    seen.add(file.hash);
    try {
      await em.transactional(async (tx) => {
        await runSql(tx, lockHash(file.hash));
        const [still] = await runSql(tx, sql.query`select 1 from photo where content_hash = ${sql.value(file.hash)} limit 1`);
        if (!still) await storage.remove(file.hash, file.format);
      });
    } catch (error) {
      logger?.warn({ err: error, hash: file.hash }, 'could not remove a photo file; the next sweep tries again');
    }
  }
}

/** Deletes uploads never attached to an issue within 24 hours, and their files unless another upload has the same bytes. */
export async function sweepUnattachedPhotos(em: EntityManager, storage: PhotoStorage, now = new Date(), logger?: Logger): Promise<number> {
  const cutoff = new Date(now.getTime() - UNATTACHED_TTL_MS);
  const deleted = await runSql<{ hash: string; format: PhotoFormat }>(
    em,
    sql.query`delete from photo where id in (
        select p.id from photo p where p.created_at < ${sql.value(cutoff)}
          and not exists (select 1 from issue_photo a where a.photo_id = p.id)
        for update skip locked)
      returning content_hash as hash, format`,
  );
  await removeOrphanFiles(em, storage, deleted, logger);
  return deleted.length;
}

/**
 * Deletes an issue's photo attachments, the photos no other issue uses, and the files no photo
 * names any more. A photo another issue still uses is kept, and so are its files.
 */
export async function deleteIssuePhotos(em: EntityManager, storage: PhotoStorage, issueId: string): Promise<void> {
  const deleted = await em.transactional(async (tx) => {
    const detached = await runSql<{ photo_id: string }>(tx, sql.query`delete from issue_photo where issue_id = ${sql.value(issueId)} returning photo_id`);
    if (detached.length === 0) return [];
    return runSql<{ hash: string; format: PhotoFormat }>(
      tx,
      sql.query`delete from photo p where p.id = any(${sql.value(`{${detached.map((d) => d.photo_id).join(',')}}`)}::uuid[])
        and not exists (select 1 from issue_photo a where a.photo_id = p.id)
        returning p.content_hash as hash, p.format`,
    );
  });
  await removeOrphanFiles(em, storage, deleted);
}

/** Starts the hourly sweep of unattached uploads; `stop` waits for a sweep in progress. */
export function startPhotoSweeper(em: () => EntityManager, storage: PhotoStorage, logger: Logger, everySeconds: number): { stop(): Promise<void> } {
  if (everySeconds <= 0) return { stop: async () => undefined };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepUnattachedPhotos(em(), storage, new Date(), logger).catch((error) => logger.warn({ err: error }, 'photo sweep failed'));
  }, everySeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
