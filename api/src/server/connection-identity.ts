/**
 * Who is on the other end of one GraphQL WebSocket, settled once at
 * `connection_init`: a staff token (`authorization`) or a portal key
 * (`portalKey`, checked against the upgrade request's Origin). Forged or
 * expired tokens are refused with 4401, unknown keys and foreign origins with
 * 4403; a connection with neither may use the public subscriptions only.
 */
import type { IncomingMessage } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CloseCode } from 'graphql-ws';
import { AppError, ErrorCode } from '../errors';
import type { ViewerHandle } from '../modules/realtime/viewer-directory';
import type { PortalIdentity } from './context';
import type { ClientAddressOf } from './client-address';
import { passwordChangeRequired } from './password-change-gate';
import { header, resolvePortal, verifyAuthorization, viewerOfToken } from './request-identity';
import type { AppServices } from './services';

/** The identity of one connection; its subscriptions read it (see `OperationContext`). */
export interface ConnectionIdentity {
  readonly origin: string | null;
  readonly host: string | null;
  readonly clientAddress: string;
  viewer: ViewerHandle | null;
  portal: PortalIdentity | null;
  /** When the staff token expires (ms since the epoch): the connection is closed with 4401 then. */
  tokenExpiresAt: number | null;
}

/** What the upgrade request tells (read the same way as on HTTP); nobody is signed in yet. */
export function identityOfUpgrade(req: IncomingMessage, clientAddressOf: ClientAddressOf): ConnectionIdentity {
  return {
    origin: header(req, 'origin'),
    host: header(req, 'host'),
    // TRUST_PROXY's answer, the same function HTTP requests use (client-address.ts).
    clientAddress: clientAddressOf(req),
    viewer: null,
    portal: null,
    tokenExpiresAt: null,
  };
}

/** A connection refused at `connection_init`: the close code and reason to send. */
export interface Refusal {
  code: CloseCode;
  reason: string;
}

/**
 * The viewer of a staff token. A user already connected here is not loaded
 * again (10,000 feeds of one account cost one load); anyone else goes the
 * HTTP way, with its checks and messages.
 */
async function acquireViewer(services: AppServices, em: EntityManager, authorization: string) {
  const verified = await verifyAuthorization(services, authorization);
  // An empty value is no credential, as on HTTP.
  if (!verified) return null;
  let handle = services.realtime.viewers.acquireConnected(verified.sub);
  if (!handle) {
    const viewer = await viewerOfToken(services, em, verified);
    // A one-time password: nothing but changePassword (over HTTP) until it is replaced.
    if (viewer.mustChangePassword) throw passwordChangeRequired();
    handle = services.realtime.viewers.acquire(viewer);
  }
  return { handle, expiresAt: verified.expiresAt };
}

/**
 * Fills in `identity` from the `connection_init` params. Returns 'accepted',
 * a {@link Refusal}, or 'gone' when the socket closed while we looked the user
 * up (`isOpen` tells; whatever was acquired for it is released here).
 */
export async function identifyConnection(
  identity: ConnectionIdentity,
  params: Readonly<Record<string, unknown>>,
  services: AppServices,
  isOpen: () => boolean,
): Promise<'accepted' | 'gone' | Refusal> {
  const authorization = params.authorization ?? params.Authorization;
  const portalKey = params.portalKey;
  const em = services.db.orm.em.fork();
  try {
    if (authorization !== undefined && authorization !== null) {
      if (typeof authorization !== 'string') return { code: CloseCode.Unauthorized, reason: 'authorization must be "Bearer <token>".' };
      const acquired = await acquireViewer(services, em, authorization);
      // Gone while we looked the user up: its close handler has run already.
      if (acquired && !isOpen()) {
        services.realtime.viewers.release(acquired.handle);
        return 'gone';
      }
      identity.viewer = acquired?.handle ?? null;
      identity.tokenExpiresAt = acquired?.expiresAt ?? null;
    }
    if (portalKey !== undefined && portalKey !== null) {
      if (typeof portalKey !== 'string') return { code: CloseCode.Forbidden, reason: 'portalKey must be a string.' };
      identity.portal = await resolvePortal(em, portalKey, identity.origin);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.extensions.code === ErrorCode.UNAUTHENTICATED ? CloseCode.Unauthorized : CloseCode.Forbidden, reason: error.message };
  }
  return 'accepted';
}
