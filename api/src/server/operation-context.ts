/**
 * The context of one GraphQL subscription over WebSocket. Identity comes from
 * the connection (the viewer as currently refreshed); the request scope
 * (EntityManager fork, loaders) is created only when something uses it, and
 * afresh per event.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../modules/auth/viewer';
import type { LiveChannel } from '../modules/realtime/live-delivery';
import type { SharedExecutionContext } from '../modules/realtime/shared-execution';
import type { ConnectionIdentity } from './connection-identity';
import type { Context, PortalIdentity } from './context';
import { createLoaders, type Loaders } from './loaders';
import type { AppServices } from './services';

export class OperationContext implements Context, SharedExecutionContext {
  private scope: { em: EntityManager; loaders: Loaders } | undefined;

  constructor(
    private readonly connection: ConnectionIdentity,
    readonly app: AppServices,
    readonly shareKey: string,
    readonly requestId: string,
    readonly channel?: LiveChannel,
  ) {}

  get viewer(): Viewer | null {
    return this.connection.viewer?.viewer ?? null;
  }

  get portal(): PortalIdentity | null {
    return this.connection.portal;
  }

  get origin(): string | null {
    return this.connection.origin;
  }

  get host(): string | null {
    return this.connection.host;
  }

  get clientAddress(): string {
    return this.connection.clientAddress;
  }

  get em(): EntityManager {
    return this.requestScope().em;
  }

  get loaders(): Loaders {
    return this.requestScope().loaders;
  }

  forEvent(): Context {
    return new OperationContext(this.connection, this.app, this.shareKey, this.requestId);
  }

  endSubscribePhase(): void {
    this.scope = undefined;
  }

  private requestScope() {
    if (!this.scope) {
      const em = this.app.db.orm.em.fork();
      this.scope = { em, loaders: createLoaders(em) };
    }
    return this.scope;
  }
}

/**
 * Which subscriptions may share one execution (see `subscribeShared`): the same
 * prepared document, viewer, portal, operation name and variables.
 */
export function shareKeyOf(
  documentId: number,
  identity: Pick<ConnectionIdentity, 'viewer' | 'portal'>,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): string {
  return [documentId, identity.viewer?.userId ?? '', identity.portal?.id ?? '', operationName ?? '', JSON.stringify(variables ?? {})].join('|');
}
