/**
 * An issue's photos as the read path plans them: a JSON array of stored facts
 * (no links — those are signed per request by the field resolvers in photo.resolver.ts).
 */
import { sql, type SQL } from '../../db/sql';
import type { IsoDateTime } from '../issues/issue.row';
import type { PhotoFormat, PhotoStage } from './photo.entity';

/** One attachment of a photo to an issue, with what a link needs. */
export interface PhotoRow {
  /** The attachment's id: the GraphQL Photo id (setPhotoPublic takes it). */
  id: string;
  stage: PhotoStage;
  public: boolean;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
  hash: string;
  format: PhotoFormat;
  uploadedAt: IsoDateTime;
}

/** The photos of the issue row `i` (only the public ones when `onlyPublic`), oldest first, REPORT before BEFORE before AFTER. */
export function issuePhotoRows(i: SQL, onlyPublic: boolean): SQL {
  const a = sql.identifier(Symbol('attachment'));
  const p = sql.identifier(Symbol('photo'));
  return sql.fragment`coalesce((select json_agg(json_build_object(
      'id', ${a}.id, 'stage', ${a}.stage, 'public', ${a}.public, 'width', ${p}.width, 'height', ${p}.height,
      'thumbWidth', ${p}.thumb_width, 'thumbHeight', ${p}.thumb_height, 'hash', ${p}.content_hash, 'format', ${p}.format,
      'uploadedAt', to_char(${p}.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      order by case ${a}.stage when 'REPORT' then 0 when 'BEFORE' then 1 else 2 end, ${a}.added_at, ${a}.id)
    from issue_photo ${a} join photo ${p} on ${p}.id = ${a}.photo_id
    where ${a}.issue_id = ${i}.id${onlyPublic ? sql.fragment` and ${a}.public` : sql.blank}), '[]'::json)`;
}

/** What the public tracker shows: public photos only. */
export function publicPhotoRows(i: SQL): SQL {
  return issuePhotoRows(i, true);
}
