/** What every resolver receives: one EntityManager fork, the viewer, the portal and per-request loaders. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../modules/auth/viewer';
import type { ViewerCheck } from '../modules/auth/viewer-check';
import type { AppServices } from './services';
import { createLoaders, type Loaders } from './loaders';

/** A widget's portal, identified by a valid portal key from an allowed origin. */
export interface PortalIdentity {
  id: string;
  name: string;
}

export interface Context {
  app: AppServices;
  em: EntityManager;
  viewer: Viewer | null;
  /** A recalled viewer not yet confirmed by the database (the direct path): read-path statements confirm it. */
  viewerCheck?: ViewerCheck | null;
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

/**
 * The context of one HTTP request. Its EntityManager fork and loaders are made on first use: a request that
 * never touches the ORM (`{ __typename }`, a refusal) builds neither.
 */
export class RequestContext implements Context {
  viewer: Viewer | null = null;
  viewerCheck: ViewerCheck | null = null;
  portal: PortalIdentity | null = null;
  private scope: { em: EntityManager; loaders?: Loaders } | undefined;

  constructor(
    readonly app: AppServices,
    readonly requestId: string,
    readonly origin: string | null,
    readonly host: string | null,
    readonly clientAddress: string,
  ) {}

  get em(): EntityManager {
    this.scope ??= { em: this.app.db.orm.em.fork() };
    return this.scope.em;
  }

  get loaders(): Loaders {
    const em = this.em;
    return (this.scope!.loaders ??= createLoaders(em));
  }
}
