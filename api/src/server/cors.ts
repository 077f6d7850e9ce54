/**
 * CORS for /graphql: a browser page may call the API only from this server's
 * own origin or from an origin some portal key allows. Anything else is
 * refused outright (403 FORBIDDEN, no CORS headers), preflight or not.
 * Requests without an Origin (servers, apps) pass: the portal key and token
 * checks behind this still apply to them.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors';
import { isOwnOrigin } from '../modules/portals/report-access';

/** Request headers a browser may send cross-origin. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'x-portal-key', 'apollo-require-preflight', 'x-request-id'];
const CORS_ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** Browsers cache a preflight answer this long (seconds). */
const PREFLIGHT_MAX_AGE = 600;

/**
 * The allowed origins of every portal key, cached for a short while. A create
 * on this replica calls {@link invalidate}; another replica sees a new key
 * within `ttlMs`, or sooner when a browser from an origin it does not know yet
 * knocks (at most one reload per `missReloadMs`).
 */
export class PortalOriginCache {
  private origins = new Set<string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<string[]>,
    private readonly ttlMs = 30_000,
    private readonly missReloadMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  async has(origin: string): Promise<boolean> {
    if (this.now() - this.loadedAt > this.ttlMs) await this.reload();
    if (this.origins.has(origin)) return true;
    if (this.now() - this.loadedAt > this.missReloadMs) {
      await this.reload();
      return this.origins.has(origin);
    }
    return false;
  }

  /** Forget the cached origins (after a key was created). */
  invalidate(): void {
    this.loadedAt = Number.NEGATIVE_INFINITY;
  }

  /** Concurrent callers share one load. */
  private reload(): Promise<void> {
    this.loading ??= this.load()
      .then((origins) => {
        this.origins = new Set(origins);
        this.loadedAt = this.now();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}

export interface CorsOptions {
  portalOrigins: PortalOriginCache;
  /** The Host the request was sent to (X-Forwarded-Host behind a trusted proxy). */
  hostOf: (req: Request) => string | null;
  /** Origins allowed besides our own and the portals' (e.g. the development IDE). */
  extraOrigins?: readonly string[];
}

function refuse(res: Response, origin: string): void {
  res.status(403).json({
    errors: [
      {
        message: `Requests from origin ${origin.slice(0, 200)} are not allowed: register it in a portal key's allowedOrigins.`,
        extensions: { code: ErrorCode.FORBIDDEN },
      },
    ],
  });
}

/** The /graphql CORS middleware (answers preflights itself). */
export function graphqlCors(options: CorsOptions): RequestHandler {
  const extra = new Set(options.extraOrigins ?? []);
  return async (req: Request, res: Response, next: NextFunction) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    if (!origin) {
      if (req.method === 'OPTIONS') {
        res.setHeader('Allow', CORS_ALLOWED_METHODS);
        res.status(204).end();
        return;
      }
      next();
      return;
    }
    const allowed = isOwnOrigin(origin, options.hostOf(req)) || extra.has(origin) || (await options.portalOrigins.has(origin));
    if (!allowed) {
      refuse(res, origin);
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
      res.status(204).end();
      return;
    }
    next();
  };
}
