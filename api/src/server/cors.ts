/**
 * CORS for /graphql (the `cors` package, with an async origin check): a
 * browser page may call the API only from this server's own origin
 * (PUBLIC_URL) or from an origin some portal key allows. Anything else is
 * refused outright (403 FORBIDDEN, no CORS headers), preflight or not.
 * Requests without an Origin (servers, apps) pass: the portal key and token
 * checks behind this still apply to them.
 */
import cors from 'cors';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors';
import type { OwnOrigins } from '../modules/portals/report-access';

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
  /** This server's own origins (PUBLIC_URL). */
  ownOrigins: OwnOrigins;
  /** Origins allowed besides our own and the portals' (e.g. the development IDE). */
  extraOrigins?: readonly string[];
}

/** An Origin that is neither ours nor a portal's: answered with 403 by {@link graphqlCors}'s guard. */
class OriginRefused extends Error {
  constructor(readonly origin: string) {
    super('origin not allowed');
  }
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

/** Whether a browser page of `origin` may call the API: ours, an extra one, or a portal key's. */
export function originAllowed(options: CorsOptions): (origin: string) => Promise<boolean> {
  const extra = new Set(options.extraOrigins ?? []);
  return async (origin) => options.ownOrigins.has(origin) || extra.has(origin) || (await options.portalOrigins.has(origin));
}

/** The /graphql CORS middleware (answers preflights itself) and its 403 guard, to mount in this order. */
export function graphqlCors(options: CorsOptions): [RequestHandler, RequestHandler, ErrorRequestHandler] {
  const allowed = originAllowed(options);
  const corsMiddleware = cors({
    origin: (origin, callback) => {
      // No Origin: not a browser's cross-origin call; nothing to add.
      if (!origin) return callback(null, false);
      allowed(origin).then(
        (ok) => (ok ? callback(null, origin) : callback(new OriginRefused(origin))),
        (error: Error) => callback(error),
      );
    },
    methods: CORS_ALLOWED_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
    optionsSuccessStatus: 204,
  });
  // Every answer depends on the Origin, with or without one (caches must keep them apart).
  const varyOrigin: RequestHandler = (req, res, next) => {
    res.vary('Origin');
    corsMiddleware(req, res, next);
  };
  // An OPTIONS request without Origin is no preflight: tell what the endpoint allows.
  const bareOptions: RequestHandler = (req, res, next) => {
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Allow', CORS_ALLOWED_METHODS);
    res.status(204).end();
  };
  const guard: ErrorRequestHandler = (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof OriginRefused) refuse(res, error.origin);
    else next(error);
  };
  return [varyOrigin, bareOptions, guard];
}
