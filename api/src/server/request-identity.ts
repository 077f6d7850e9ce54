/**
 * Who is calling, for HTTP requests and WebSocket upgrades alike: the headers
 * as the request carries them, a staff token, a portal key (checked against
 * the browser's Origin). The client address is client-address.ts's (Express
 * trust proxy), for both.
 */
import type { IncomingMessage } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode } from '../errors';
import type { VerifiedToken } from '../modules/auth/token';
import type { Viewer } from '../modules/auth/viewer';
import { findPortalByKey } from '../modules/portals/portal.service';
import { RequestContext, type PortalIdentity } from './context';
import { asDatabaseUnavailable } from './database-outage';
import type { AppServices } from './services';

/** What the helpers below read of a request: an Express request and a bare upgrade request both have it. */
export type RequestLike = Pick<IncomingMessage, 'headers' | 'socket'>;

/** A header's value (the first one when repeated), or null. */
export function header(req: Pick<IncomingMessage, 'headers'>, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function httpError(code: ErrorCode, message: string, status: number): AppError {
  return new AppError(code, message, { http: { status } });
}

/**
 * The verified token of an `Authorization: Bearer <token>` value, or null
 * when there is none; a malformed, forged or expired one is refused (401).
 */
export async function verifyAuthorization(app: Pick<AppServices, 'tokens'>, authorization?: string | null): Promise<VerifiedToken | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw httpError(ErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <token>".', 401);
  const verified = await app.tokens.verify(match[1]);
  if (!verified) throw httpError(ErrorCode.UNAUTHENTICATED, 'The token is invalid or has expired: sign in again.', 401);
  return verified;
}

/**
 * The viewer a verified token names, read now (and remembered for the direct path's viewer check); refused (401)
 * when the account is gone or deactivated.
 */
export async function viewerOfToken(app: Pick<AppServices, 'recentViewers'>, em: EntityManager, verified: VerifiedToken): Promise<Viewer> {
  const viewer = await app.recentViewers.read(em, verified.sub);
  if (!viewer) throw httpError(ErrorCode.UNAUTHENTICATED, 'The account of this token no longer exists or has been deactivated.', 401);
  return viewer;
}

export async function resolveViewer(app: AppServices, em: EntityManager, authorization?: string | null): Promise<Viewer | null> {
  const verified = await verifyAuthorization(app, authorization);
  return verified ? viewerOfToken(app, em, verified) : null;
}

export async function resolvePortal(em: EntityManager, portalKey?: string | null, origin?: string | null): Promise<PortalIdentity | null> {
  if (!portalKey) return null;
  const portal = await findPortalByKey(em, portalKey);
  if (!portal) throw httpError(ErrorCode.FORBIDDEN, 'Unknown portal key.', 403);
  if (origin && !portal.allowedOrigins.includes(origin)) {
    throw httpError(ErrorCode.FORBIDDEN, `This portal key is not allowed from origin ${origin.slice(0, 200)}.`, 403);
  }
  return { id: portal.id, name: portal.name };
}

/**
 * The context of one GraphQL request over HTTP (Apollo's and the direct path's alike): who calls (token, portal
 * key) and from where. Refusals are AppErrors with their HTTP status; the database away while identifying the
 * caller is a 503, not a masked 500.
 *
 * With `recall` (the direct path), a staff user read recently is not read again first: the context carries a
 * pending {@link ViewerCheck} that the request's first page statement, or a last statement, settles.
 */
export async function requestContextOf(
  services: AppServices,
  req: IncomingMessage,
  requestId: string,
  host: string | null,
  { recall = false }: { recall?: boolean } = {},
): Promise<RequestContext> {
  const context = new RequestContext(services, requestId, header(req, 'origin'), host, services.clientAddressOf(req));
  try {
    const verified = await verifyAuthorization(services, header(req, 'authorization'));
    if (verified) {
      context.viewerCheck = recall ? services.recentViewers.recall(verified.sub) : null;
      // Else the token's user is read on the application's EntityManager (a plain statement, no identity map).
      context.viewer = context.viewerCheck?.viewer ?? (await viewerOfToken(services, services.db.orm.em, verified));
    }
    const portalKey = header(req, 'x-portal-key');
    if (portalKey) context.portal = await resolvePortal(context.em, portalKey, context.origin);
  } catch (error) {
    throw asDatabaseUnavailable(error);
  }
  return context;
}
