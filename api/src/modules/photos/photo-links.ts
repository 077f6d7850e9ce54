/**
 * Signed, expiring links to photo files served by this API (the file driver):
 * `/photos/<hash>-<variant>.<format>?exp=<unix seconds>&sig=<HMAC>`. The HMAC
 * (SHA-256, keyed from the server secret) covers all of it, so a link cannot be
 * edited into another photo, another size or a later expiry. Expiries are
 * rounded up to 10 minutes, so one photo keeps one URL for a while (caches work).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PhotoFormat } from './photo.entity';
import type { PhotoStorage, PhotoVariant, StoredObject } from './photo-storage';

export const LINK_TTL_SECONDS = 3600;
const ROUND_SECONDS = 600;

export class PhotoLinks {
  private readonly key: Buffer;

  constructor(
    serverSecret: string,
    private readonly storage: PhotoStorage,
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own, derived from the secret: a photo signature is never a valid token signature.
    this.key = createHmac('sha256', serverSecret).update('lastmeter photo links v1').digest();
  }

  private sign(path: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${path}?exp=${exp}`).digest('base64url');
  }

  /** When links made now expire. */
  expiry(): Date {
    const seconds = Math.ceil((this.now() / 1000 + LINK_TTL_SECONDS) / ROUND_SECONDS) * ROUND_SECONDS;
    return new Date(seconds * 1000);
  }

  /** A presigned bucket URL (S3), else a signed path on this server (relative to its origin). */
  async url(object: StoredObject, baseUrl: string): Promise<string> {
    const expiresAt = this.expiry();
    const presigned = await this.storage.presignedUrl(object, expiresAt);
    if (presigned) return presigned;
    const exp = expiresAt.getTime() / 1000;
    const path = `/photos/${object.hash}-${object.variant}.${object.format}`;
    return `${baseUrl}${path}?exp=${exp}&sig=${this.sign(path, exp)}`;
  }

  /** The object a signed path names, or null when the link is forged, edited or expired. */
  verify(path: string, exp: string | undefined, sig: string | undefined): StoredObject | null {
    const match = /^\/photos\/([0-9a-f]{64})-(main|thumb)\.(jpeg|webp)$/.exec(path);
    if (!match || !exp || !sig || !/^\d{1,12}$/.test(exp)) return null;
    const expected = Buffer.from(this.sign(path, Number(exp)));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (Number(exp) * 1000 < this.now()) return null;
    return { hash: match[1]!, variant: match[2] as PhotoVariant, format: match[3] as PhotoFormat };
  }
}
