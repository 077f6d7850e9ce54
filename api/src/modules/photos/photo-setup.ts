/** The photo services of a running API: S3 when configured, else files under DATA_DIR/photos. */
import path from 'node:path';
import type { Config } from '../../config';
import { PhotoLinks } from './photo-links';
import { PhotoProcessor } from './photo-processing';
import type { PhotoServices } from './photo.service';
import { FilePhotoStorage } from './photo-storage';

export function createPhotoServices(config: Config, serverSecret: string): PhotoServices & { links: PhotoLinks } {
  // The AWS SDK is loaded only when a bucket is configured: it is a large part of a start's module loading.
  const storage = config.s3
    ? new (require('./s3-photo-storage') as typeof import('./s3-photo-storage')).S3PhotoStorage(config.s3)
    : new FilePhotoStorage(path.join(config.dataDir, 'photos'));
  return { storage, processor: new PhotoProcessor(2), links: new PhotoLinks(serverSecret, storage) };
}
