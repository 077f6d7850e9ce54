/**
 * HTTP side of photos (GraphQL stays JSON-only: no multipart GraphQL, which weakens CSRF protection):
 *  - `POST /uploads`: one image as the raw body or as the one `file` field of multipart/form-data,
 *    by a staff token or a portal key (the same Origin rule and rate limit as reportIssue) → 201
 *    `{ id, width, height, bytes, suggestedLocation? }`. Type from the bytes (else 415); over
 *    UPLOAD_MAX_BYTES 413 without reading the rest; undecodable or too large an image 400.
 *  - `GET /photos/<hash>-<variant>.<format>?exp&sig`: a signed link (photo-links.ts) to a stored
 *    file, served as an image that no browser will run or sniff into something else.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../../config';
import { AppError, ErrorCode } from '../../errors';
import type { Context } from '../../server/context';
import { createLoaders } from '../../server/loaders';
import { requestIdOf } from '../../server/request-log';
import { header, resolvePortal, resolveViewer } from '../../server/request-identity';
import type { AppServices } from '../../server/services';
import { withReportAccess } from '../portals/report-access';
import { Gate, ImageRejected, sniffImageType } from './photo-processing';
import { storeUpload } from './photo.service';
import { contentTypeOf } from './photo-storage';

class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

const tooLarge = (max: number) =>
  new UploadRefused(413, 'PAYLOAD_TOO_LARGE', `The photo is larger than ${Math.floor(max / 1024 / 1024) || max} ${max >= 1024 * 1024 ? 'MB' : 'bytes'}: shrink it and try again.`);

/**
 * The raw body, refused as soon as it passes `max` bytes. With a Content-Length the bytes go
 * straight into one buffer of that size (no second copy: memory stays one body per upload).
 */
function readRaw(req: IncomingMessage, max: number, declared: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sized = Number.isFinite(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size + chunk.length > (sized ? sized.length : max)) {
        req.pause();
        reject(sized ? new UploadRefused(400, 'BAD_REQUEST', 'The body is longer than its Content-Length.') : tooLarge(max));
        return;
      }
      if (sized) chunk.copy(sized, size);
      else chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(sized ? sized.subarray(0, size) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Uploads read and processed at once on this replica. The rest wait before a byte of their body
 * is read (the sockets hold it), so a burst of 50 large uploads never sits in memory together.
 */
const UPLOADS_AT_ONCE = 4;

/** The one `file` field of a multipart body. */
function readMultipart(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: max, fields: 10, parts: 11, fieldSize: 1024 } });
    } catch {
      reject(new UploadRefused(400, 'BAD_REQUEST', 'The multipart body could not be read (missing boundary?).'));
      return;
    }
    let file: Buffer | null = null;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.pause();
      reject(error);
    };
    parser.on('file', (name, stream) => {
      if (name !== 'file') {
        stream.resume();
        fail(new UploadRefused(400, 'BAD_REQUEST', `Send the photo in a field named "file" (got "${name.slice(0, 40)}").`));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge(max)));
      stream.on('end', () => {
        if (!failed) file = Buffer.concat(chunks);
      });
    });
    parser.on('filesLimit', () => fail(new UploadRefused(400, 'BAD_REQUEST', 'Send one photo per request.')));
    parser.on('error', (error: Error) => fail(new UploadRefused(400, 'BAD_REQUEST', `The multipart body could not be read: ${error.message.slice(0, 100)}`)));
    parser.on('close', () => {
      if (failed) return;
      if (!file) reject(new UploadRefused(400, 'BAD_REQUEST', 'The multipart body has no "file" field.'));
      else resolve(file);
    });
    req.pipe(parser);
  });
}

/** The API origin links are built on: PUBLIC_URL, else the Host the request came to. */
export function baseUrlOf(config: Config, host: string | null | undefined): string {
  if (config.publicUrl) return config.publicUrl;
  return host ? `http://${host}` : '';
}

export function photoRoutes(services: AppServices, cors: readonly (express.RequestHandler | express.ErrorRequestHandler)[]): Router {
  const { config, db, photos } = services;
  const router = express.Router();
  const gate = new Gate(UPLOADS_AT_ONCE);

  router.use('/uploads', ...cors);
  router.post('/uploads', async (req: Request, res: Response) => {
    const max = config.uploadMaxBytes;
    const declared = Number(req.headers['content-length'] ?? NaN);
    try {
      // Refused before a byte of the body is read; the connection closes so the rest is never read either.
      if (Number.isFinite(declared) && declared > max + (req.is('multipart/form-data') ? 64 * 1024 : 0)) throw tooLarge(max);
      const em = db.orm.em.fork();
      const origin = header(req, 'origin');
      const viewer = await resolveViewer(services, em, header(req, 'authorization'));
      const portal = await resolvePortal(em, header(req, 'x-portal-key'), origin);
      const ctx = {
        app: services,
        em,
        viewer,
        portal,
        origin,
        host: req.host ?? null,
        clientAddress: services.clientAddressOf(req),
        loaders: createLoaders(em),
        requestId: requestIdOf(res),
      } satisfies Context;
      // Same door as reportIssue: who may report may upload, under the same limits (a refused upload gives its count back).
      const { answer } = await withReportAccess(ctx, null, async (scope) => ({
        created: true,
        answer: await gate.run(async () => {
          const body = req.is('multipart/form-data') ? await readMultipart(req, max) : await readRaw(req, max, declared);
          if (body.length === 0) throw new UploadRefused(400, 'BAD_REQUEST', 'The request has no photo in it.');
          if (!sniffImageType(body)) {
            throw new UploadRefused(415, 'UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG, WebP and HEIC/HEIF pictures are accepted (judged by the file contents).');
          }
          return storeUpload(em, photos, scope, body);
        }),
      }));
      res.status(201).json(answer);
    } catch (error) {
      if (error instanceof UploadRefused) {
        if (error.status === 413) res.setHeader('Connection', 'close');
        sendError(res, error.status, error.code, error.message);
      } else if (error instanceof ImageRejected) {
        sendError(res, 400, 'BAD_REQUEST', error.message);
      } else if (error instanceof AppError) {
        const status = (error.extensions.http as { status?: number } | undefined)?.status;
        const code = String(error.extensions.code);
        const fallback = code === ErrorCode.RATE_LIMITED ? 429 : code === ErrorCode.FORBIDDEN ? 403 : code === ErrorCode.UNAUTHENTICATED ? 401 : 400;
        if (error.extensions.retryAfterSeconds) res.setHeader('Retry-After', String(error.extensions.retryAfterSeconds));
        const { http: _http, ...extensions } = error.extensions;
        sendError(res, status ?? fallback, code, error.message, extensions);
      } else {
        services.logger.error({ err: error }, 'upload failed');
        sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'The photo could not be stored; try again.');
      }
      // Whatever of the body is left is not read: the connection goes.
      if (!req.complete) res.once('finish', () => req.destroy());
    }
  });

  router.get('/photos/:name', async (req: Request, res: Response) => {
    const object = photos.links.verify(req.path, req.query.exp as string | undefined, req.query.sig as string | undefined);
    if (!object) {
      sendError(res, 404, 'NOT_FOUND', 'This photo link is not valid or has expired: load the issue again for a fresh one.');
      return;
    }
    const data = await photos.storage.read(object);
    if (!data) {
      sendError(res, 404, 'NOT_FOUND', 'This photo no longer exists.');
      return;
    }
    res.setHeader('Content-Type', contentTypeOf(object));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `inline; filename="photo.${object.format}"`);
    // Even opened as a document, nothing in it may run.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', `private, max-age=${Math.max(0, Math.floor(Number(req.query.exp) - Date.now() / 1000))}, immutable`);
    res.end(data);
  });
  return router;
}
