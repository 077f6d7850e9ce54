/** Photo rows as GraphQL answers them: signed links made for this request (photo-links.ts). */
import type { Context } from '../../server/context';
import type { AppServices } from '../../server/services';
import { baseUrlOf } from './photo-routes';
import type { PhotoRow } from './photo-sql';
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

/** The photo an outside system shows for an issue: its first public AFTER photo, else its first public one. */
export function leadPhoto(rows: readonly PhotoRow[]): PhotoRow | undefined {
  return rows.find((p) => p.public && p.stage === 'AFTER') ?? rows.find((p) => p.public);
}

/** The signed link to {@link leadPhoto}, or null — for integrations such as Open311's `media_url`. */
export async function leadPhotoUrl(app: AppServices, baseUrl: string, rows: readonly PhotoRow[]): Promise<string | null> {
  const lead = leadPhoto(rows);
  // Only the full-size link: signing the thumbnail's too would be work for nothing, once per listed request.
  return lead ? app.photos.links.url({ hash: lead.hash, format: lead.format, variant: 'main' }, baseUrl) : null;
}
