/** Photo rows as GraphQL answers them: signed links made for this request (photo-links.ts). */
import { runSql, sql } from '../../db/sql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context';
import type { AppServices } from '../../server/services';
import { baseUrlOf } from './photo-routes';
import { publicPhotoRows, type PhotoRow } from './photo-sql';
import type { PhotoType } from './photo.type';

export async function photoWithLinks(app: AppServices, baseUrl: string, row: PhotoRow): Promise<PhotoType> {
  const object = { hash: row.hash, format: row.format };
  const [url, thumbnailUrl] = await Promise.all([
    app.photos.links.url({ ...object, variant: 'main' }, baseUrl),
    app.photos.links.url({ ...object, variant: 'thumb' }, baseUrl),
  ]);
  return { id: row.id, stage: row.stage, public: row.public, width: row.width, height: row.height, url, thumbnailUrl, uploadedAt: row.uploadedAt };
}

export function photosWithLinks(ctx: Pick<Context, 'app' | 'host'>, rows: readonly PhotoRow[]): Promise<PhotoType[]> {
  const baseUrl = baseUrlOf(ctx.app.config, ctx.host);
  return Promise.all(rows.map((row) => photoWithLinks(ctx.app, baseUrl, row)));
}

/**
 * The link to an issue's first public photo (AFTER photos first), or null — for outbound
 * integrations such as Open311's `media_url`. Needs PUBLIC_URL (or a `baseUrl`) for file storage.
 */
export async function firstPublicPhotoUrl(em: EntityManager, app: AppServices, issueId: string, baseUrl = app.config.publicUrl ?? ''): Promise<string | null> {
  const i = sql.identifier('i');
  const [row] = await runSql<{ photos: PhotoRow[] }>(em, sql.query`select ${publicPhotoRows(i)} as photos from issue ${i} where ${i}.id = ${sql.value(issueId)}::uuid`);
  const photos = row?.photos ?? [];
  const first = photos.find((p) => p.stage === 'AFTER') ?? photos[0];
  return first ? (await photoWithLinks(app, baseUrl, first)).url : null;
}
