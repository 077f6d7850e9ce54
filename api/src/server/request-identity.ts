/**
 * Who is calling, from HTTP headers or WebSocket connection params: a staff
 * token, a portal key (checked against the browser's Origin), the client address.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode } from '../errors';
import { loadViewer, type Viewer } from '../modules/auth/viewer';
import { findPortalByKey } from '../modules/portals/portal.service';
import type { PortalIdentity } from './context';
import type { AppServices } from './services';

export interface Credentials {
  authorization?: string | null;
  portalKey?: string | null;
  origin?: string | null;
}

function httpError(code: ErrorCode, message: string, status: number): AppError {
  return new AppError(code, message, { http: { status } });
}

export async function resolveViewer(app: AppServices, em: EntityManager, authorization?: string | null): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw httpError(ErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <token>".', 401);
  const claims = await app.tokens.verify(match[1]);
  if (!claims) throw httpError(ErrorCode.UNAUTHENTICATED, 'The token is invalid or has expired: sign in again.', 401);
  const viewer = await loadViewer(em, claims.sub);
  if (!viewer) throw httpError(ErrorCode.UNAUTHENTICATED, 'The account of this token no longer exists.', 401);
  return viewer;
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
