/**
 * Evidence photos from the console: each picture shrunk in the browser (as the
 * residents' report form does, shrink-photo.ts), uploaded one at a time (a
 * phone's upload is the narrow part), then all attached to the issue at one
 * stage. Uploads are idempotent (the same bytes give the same id), so trying
 * again after a failure files nothing twice.
 */
import type { Issue, LastmeterClient } from '@lastmeter/sdk';
import { shrinkPhoto } from './shrink-photo';

/** What addIssuePhotos takes at once (the API refuses more). */
export const MAX_PHOTOS_PER_CALL = 9;

/** The upload errors that trying again will not fix: the picture itself was refused. */
export const REFUSED_PHOTO = new Set(['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);

export async function attachPhotos(
  api: LastmeterClient,
  issueId: string,
  files: readonly Blob[],
  stage: 'BEFORE' | 'AFTER',
  progress: (done: number, of: number) => void = () => undefined,
): Promise<Issue> {
  const photoIds: string[] = [];
  for (const file of files) {
    progress(photoIds.length, files.length);
    photoIds.push((await api.uploadPhoto(await shrinkPhoto(file))).id);
  }
  progress(files.length, files.length);
  return api.addIssuePhotos({ id: issueId, photoIds, stage });
}
