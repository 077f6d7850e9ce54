/**
 * Where photo files live. Each stored photo is two objects under its content
 * hash: the picture and its thumbnail. Drivers: files under DATA_DIR/photos
 * (default) or an S3-compatible bucket (s3-photo-storage.ts), chosen by config.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PhotoFormat } from './photo.entity';
import { CONTENT_TYPE } from './photo-processing';

export type PhotoVariant = 'main' | 'thumb';

export interface StoredObject {
  hash: string;
  format: PhotoFormat;
  variant: PhotoVariant;
}

export interface PhotoStorage {
  readonly kind: 'file' | 's3';
  /** Stores both variants, durably: when this resolves, a crash cannot lose them. The thumbnail first, so a picture never exists without it. */
  put(hash: string, format: PhotoFormat, main: Buffer, thumb: Buffer): Promise<void>;
  /** Is the picture there (and so its thumbnail)? */
  has(hash: string, format: PhotoFormat): Promise<boolean>;
  /** The bytes, or null when missing. */
  read(object: StoredObject): Promise<Buffer | null>;
  /** Removes both variants; missing ones are fine. */
  remove(hash: string, format: PhotoFormat): Promise<void>;
  /** A link that stops working at `expiresAt`; null when the app serves the bytes itself (photo-links.ts). */
  presignedUrl(object: StoredObject, expiresAt: Date): Promise<string | null>;
  /** Lets go of connections (S3). */
  close?(): void;
}

/** `ab/abcdef…-thumb.jpeg`: two levels so no directory holds millions of files. */
export function objectKey(object: StoredObject): string {
  if (!/^[0-9a-f]{64}$/.test(object.hash)) throw new Error('a photo hash is 64 hex digits');
  return `${object.hash.slice(0, 2)}/${object.hash}${object.variant === 'thumb' ? '-thumb' : ''}.${object.format}`;
}

export const contentTypeOf = (object: StoredObject) => CONTENT_TYPE[object.format];

/** Files under `root`, each written to a temporary name, fsynced, renamed into place, and the directory fsynced. */
export class FilePhotoStorage implements PhotoStorage {
  readonly kind = 'file' as const;

  constructor(readonly root: string) {}

  private pathOf(object: StoredObject): string {
    return path.join(this.root, objectKey(object));
  }

  private async writeDurably(file: string, data: Buffer): Promise<void> {
    const dir = path.dirname(file);
    await fs.mkdir(dir, { recursive: true });
    const temporary = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
    const handle = await fs.open(temporary, 'w', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    const directory = await fs.open(dir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  async put(hash: string, format: PhotoFormat, main: Buffer, thumb: Buffer): Promise<void> {
    await this.writeDurably(this.pathOf({ hash, format, variant: 'thumb' }), thumb);
    await this.writeDurably(this.pathOf({ hash, format, variant: 'main' }), main);
  }

  async has(hash: string, format: PhotoFormat): Promise<boolean> {
    try {
      await fs.access(this.pathOf({ hash, format, variant: 'main' }));
      return true;
    } catch {
      return false;
    }
  }

  async read(object: StoredObject): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(object));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(hash: string, format: PhotoFormat): Promise<void> {
    await fs.rm(this.pathOf({ hash, format, variant: 'main' }), { force: true });
    await fs.rm(this.pathOf({ hash, format, variant: 'thumb' }), { force: true });
  }

  presignedUrl(): Promise<string | null> {
    return Promise.resolve(null);
  }
}
