/**
 * What happens to an uploaded image before it is stored: its type decided from
 * its first bytes (never from a header or a name), then decoded and re-encoded
 * by sharp (libvips) — orientation applied, at most 2048 px on its longest side,
 * a 320 px thumbnail, and no metadata at all (no EXIF, GPS, XMP, IPTC, nor an ICC
 * profile: pixels are converted to sRGB, which needs none). The GPS position, if
 * the camera wrote one, is read before that and handed back to the caller once.
 */
import exifReader from 'exif-reader';
import type Sharp from 'sharp';
import { PhotoFormat } from './photo.entity';

/** Decompression bombs: a small file that would decode to a huge bitmap is refused before decoding. */
export const MAX_PIXELS = 40_000_000;
export const MAX_SIDE = 2048;
export const THUMB_SIDE = 320;

let loaded: typeof Sharp | undefined;

/** sharp (and libvips with it) is loaded by the first photo, not at start: most starts handle no photo soon. */
function sharp(...args: Parameters<typeof Sharp>): Sharp.Sharp {
  if (!loaded) {
    loaded = require('sharp') as typeof Sharp;
    // One image at a time per libvips call and a small operation cache: memory stays bounded under bursts
    // (uploads wait their turn in PhotoProcessor below instead).
    loaded.concurrency(1);
    loaded.cache({ memory: 32, files: 0, items: 16 });
  }
  return loaded(...args);
}

export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'image/heif';

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

/** The image type named by the file's magic numbers, or null for anything else. */
export function sniffImageType(bytes: Uint8Array): SniffedType | null {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
    if (HEIF_BRANDS.has(brand)) return 'image/heif';
  }
  return null;
}

export class ImageRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageRejected';
  }
}

export interface GpsPosition {
  latitude: number;
  longitude: number;
}

export interface ProcessedPhoto {
  format: PhotoFormat;
  main: { data: Buffer; width: number; height: number };
  thumb: { data: Buffer; width: number; height: number };
  /** From the original's EXIF; for the uploader only, never stored. */
  gps: GpsPosition | null;
}

export const CONTENT_TYPE: Record<PhotoFormat, string> = { [PhotoFormat.JPEG]: 'image/jpeg', [PhotoFormat.WEBP]: 'image/webp' };

function degrees(value: unknown, ref: unknown): number | null {
  if (!Array.isArray(value) || value.length < 1) return null;
  const [d, m = 0, s = 0] = value.map(Number);
  const out = d + m / 60 + s / 3600;
  if (!Number.isFinite(out)) return null;
  return ref === 'S' || ref === 'W' ? -out : out;
}

/** The GPS position of an EXIF block, or null when there is none (or it makes no sense). */
export function gpsOfExif(exif: Buffer | undefined): GpsPosition | null {
  if (!exif) return null;
  try {
    const gps = exifReader(exif).GPSInfo as Record<string, unknown> | undefined;
    if (!gps) return null;
    const latitude = degrees(gps.GPSLatitude, gps.GPSLatitudeRef);
    const longitude = degrees(gps.GPSLongitude, gps.GPSLongitudeRef);
    if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
    if (latitude === 0 && longitude === 0) return null;
    return { latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 };
  } catch {
    return null;
  }
}

/** Reads only the header: size and GPS, no pixels. */
export async function readHeader(input: Buffer): Promise<{ width: number; height: number; hasAlpha: boolean; gps: GpsPosition | null }> {
  let meta: Sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejected('The image could not be read: the file is damaged or not a picture we can decode.');
  }
  if (!meta.width || !meta.height) throw new ImageRejected('The image could not be read: it has no size.');
  if (meta.width * meta.height > MAX_PIXELS) {
    throw new ImageRejected(
      `The image is ${meta.width}×${meta.height} pixels; at most ${MAX_PIXELS / 1_000_000} megapixels are accepted. Send a smaller picture.`,
    );
  }
  return { width: meta.width, height: meta.height, hasAlpha: meta.hasAlpha === true, gps: gpsOfExif(meta.exif) };
}

/** Decodes and re-encodes one image; ImageRejected when it cannot be decoded or is too large. */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  const header = await readHeader(input);
  const format = header.hasAlpha ? PhotoFormat.WEBP : PhotoFormat.JPEG;
  const encode = (image: Sharp.Sharp) => (format === PhotoFormat.WEBP ? image.webp({ quality: 82 }) : image.jpeg({ quality: 82 }));
  try {
    // sharp writes no metadata unless asked to (keepMetadata/withMetadata), and converts to sRGB.
    const main = await encode(
      sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
        .autoOrient()
        .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true }),
    ).toBuffer({ resolveWithObject: true });
    const thumb = await encode(sharp(main.data).resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true })).toBuffer({
      resolveWithObject: true,
    });
    return {
      format,
      main: { data: main.data, width: main.info.width, height: main.info.height },
      thumb: { data: thumb.data, width: thumb.info.width, height: thumb.info.height },
      gps: header.gps,
    };
  } catch (error) {
    if (error instanceof ImageRejected) throw error;
    throw new ImageRejected(`The image could not be decoded (${String((error as Error).message ?? error).slice(0, 120)}).`);
  }
}

/** At most `parallel` tasks at once; the others wait their turn in order. */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly parallel: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.parallel) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

/**
 * At most `parallel` images decoded at once on this replica: a burst of uploads queues here
 * rather than holding dozens of full-size bitmaps in memory together.
 */
export class PhotoProcessor {
  private readonly gate: Gate;

  constructor(parallel = 2) {
    this.gate = new Gate(parallel);
  }

  process(input: Buffer): Promise<ProcessedPhoto> {
    return this.gate.run(() => processPhoto(input));
  }
}
