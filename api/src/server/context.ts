/** What every resolver receives: one EntityManager fork, the viewer, the portal and per-request loaders. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../modules/auth/viewer';
import type { AppServices } from './services';
import type { Loaders } from './loaders';

/** A widget's portal, identified by a valid portal key from an allowed origin. */
export interface PortalIdentity {
  id: string;
  name: string;
}

export interface Context {
  app: AppServices;
  em: EntityManager;
  viewer: Viewer | null;
  portal: PortalIdentity | null;
  /** The caller's address (X-Forwarded-For only with TRUST_PROXY). */
  clientAddress: string;
  /** The Origin header, when the caller is a browser. */
  origin: string | null;
  /** The Host header the request was sent to (tells a page of this server itself from a foreign one). */
  host?: string | null;
  loaders: Loaders;
  requestId: string;
}
