/**
 * Photos in an S3-compatible bucket (MinIO, Alibaba OSS, Tencent COS, AWS), so
 * every replica sees every photo. An object appears whole or not at all (a PUT
 * is atomic), so a crash never leaves half a photo. Links are presigned GETs
 * that name the content type and an inline, never-executable disposition.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PhotoFormat } from './photo.entity';
import { contentTypeOf, objectKey, type PhotoStorage, type StoredObject } from './photo-storage';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

const notFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

export class S3PhotoStorage implements PhotoStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      // Path-style (`endpoint/bucket/key`) works with every S3-compatible server, virtual hosts need DNS.
      forcePathStyle: true,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
  }

  private async putObject(object: StoredObject, body: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: objectKey(object), Body: body, ContentType: contentTypeOf(object) }),
    );
  }

  async put(hash: string, format: PhotoFormat, main: Buffer, thumb: Buffer): Promise<void> {
    await this.putObject({ hash, format, variant: 'thumb' }, thumb);
    await this.putObject({ hash, format, variant: 'main' }, main);
  }

  async has(hash: string, format: PhotoFormat): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: objectKey({ hash, format, variant: 'main' }) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  async read(object: StoredObject): Promise<Buffer | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: objectKey(object) }));
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async remove(hash: string, format: PhotoFormat): Promise<void> {
    await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.settings.bucket,
        Delete: { Objects: [{ Key: objectKey({ hash, format, variant: 'main' }) }, { Key: objectKey({ hash, format, variant: 'thumb' }) }] },
      }),
    );
  }

  presignedUrl(object: StoredObject, expiresAt: Date): Promise<string> {
    const expiresIn = Math.max(1, Math.round((expiresAt.getTime() - Date.now()) / 1000));
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.settings.bucket,
        Key: objectKey(object),
        ResponseContentType: contentTypeOf(object),
        ResponseContentDisposition: `inline; filename="photo.${object.format}"`,
      }),
      { expiresIn },
    );
  }

  close(): void {
    this.client.destroy();
  }
}
