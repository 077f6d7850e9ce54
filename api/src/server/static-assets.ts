/**
 * What the API serves besides GraphQL: the widget bundle
 * (`/widgets/lastmeter-widgets.js`, open to every origin, cached by ETag), the
 * staff console's bundle (`/widgets/lastmeter-console.js`, the same way), the
 * widgets' `custom-elements.json` (the demo portal page is demo-portal.ts's).
 *
 * The bundle is a static file, `widgets/dist/lastmeter-widgets.js`, built on
 * install (api/scripts/postinstall.js), again by the development `npm start` and
 * by the tests when a source changed, and by `npm run build -w @lastmeter/widgets`;
 * the server only reads it (once, then from memory), never builds it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { Logger } from './logger';

/** The widgets workspace (the same distance from src/server and from the build in dist/server). */
const WIDGETS_DIR = path.resolve(__dirname, '..', '..', '..', 'widgets');
/** Where the widgets' build writes the bundle. */
export const WIDGET_BUNDLE_FILE = path.join(WIDGETS_DIR, 'dist', 'lastmeter-widgets.js');

/** The staff console's own bundle (issue 17), built beside the residents'. */
export const CONSOLE_BUNDLE_FILE = path.join(WIDGETS_DIR, 'dist', 'lastmeter-console.js');

/** The paths served here. */
export const WIDGET_BUNDLE_PATH = '/widgets/lastmeter-widgets.js';
export const CONSOLE_BUNDLE_PATH = '/widgets/lastmeter-console.js';
export const WIDGET_MANIFEST_PATH = '/widgets/custom-elements.json';
export const DEMO_PORTAL_PATH = '/';
/** The demo portal page (served by demo-portal.ts, with the demo data only). */
export const DEMO_PORTAL_FILE = path.join(WIDGETS_DIR, 'demo', 'index.html');

interface Asset {
  body: Buffer;
  etag: string;
  contentType: string;
}

function asset(body: string | Buffer, contentType: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  return { body: bytes, etag, contentType };
}

const fileCache = new Map<string, Promise<Asset>>();

function fileAsset(file: string, contentType: string): Promise<Asset> {
  let cached = fileCache.get(file);
  if (!cached) {
    cached = readFile(file).then((body) => asset(body, contentType));
    cached.catch(() => fileCache.delete(file));
    fileCache.set(file, cached);
  }
  return cached;
}

/** True when the request's If-None-Match names this ETag (or `*`). */
function notModified(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value === etag || value === `W/${etag}`;
  });
}

function send(req: Request, res: Response, item: Asset, headers: Record<string, string>): void {
  res.set({ 'Content-Type': item.contentType, ETag: item.etag, 'X-Content-Type-Options': 'nosniff', ...headers });
  if (notModified(req, item.etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).send(item.body);
}

/** Headers that let any portal load a public asset from another origin. */
const OPEN_TO_ALL_ORIGINS = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Routes for the bundle and its manifest (the demo portal is demo-portal.ts's). */
export function staticAssets(logger: Logger): Router {
  const router = Router();
  const failed = (res: Response, what: string, hint?: string) => (error: unknown) => {
    logger.error({ err: error, hint }, `could not serve the ${what}`);
    res.status(503).type('text/plain').send(`The ${what} is not available right now.`);
  };

  router.get(WIDGET_BUNDLE_PATH, (req, res) => {
    fileAsset(WIDGET_BUNDLE_FILE, 'application/javascript; charset=utf-8')
      .then((item) =>
        send(req, res, item, {
          ...OPEN_TO_ALL_ORIGINS,
          // Short freshness, then cheap 304 revalidation: portals pick up a new release within minutes.
          'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
        }),
      )
      .catch(failed(res, 'widget bundle', 'build it with `npm run build -w @lastmeter/widgets`'));
  });

  // Same headers as the residents' bundle: an intranet (OA) page of another origin may load it too.
  router.get(CONSOLE_BUNDLE_PATH, (req, res) => {
    fileAsset(CONSOLE_BUNDLE_FILE, 'application/javascript; charset=utf-8')
      .then((item) => send(req, res, item, { ...OPEN_TO_ALL_ORIGINS, 'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400' }))
      .catch(failed(res, 'console bundle', 'build it with `npm run build -w @lastmeter/widgets`'));
  });

  router.get(WIDGET_MANIFEST_PATH, (req, res) => {
    fileAsset(path.join(WIDGETS_DIR, 'custom-elements.json'), 'application/json; charset=utf-8')
      .then((item) => send(req, res, item, { ...OPEN_TO_ALL_ORIGINS, 'Cache-Control': 'public, max-age=300' }))
      .catch(failed(res, 'widget manifest'));
  });

  // Browsers ask for it on every page; a 204 keeps consoles quiet.
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).set('Cache-Control', 'public, max-age=86400').end();
  });

  return router;
}
