/**
 * GraphQL over WebSocket (graphql-ws, subprotocol `graphql-transport-ws`) on
 * the HTTP server, path /graphql. Who connects is settled once, at
 * `connection_init`: a staff token (`authorization`) or a portal key
 * (`portalKey`, checked against the upgrade request's Origin); forged tokens
 * are refused with 4401, unknown keys and foreign origins with 4403, and a
 * connection with neither may use the public subscriptions only.
 *
 * Limits: the same parse and validation rules as HTTP, a connection-init
 * timeout, at most {@link GraphQLWebSocketOptions.maxSubscriptionsPerConnection}
 * subscriptions per connection, `maxPayload`, and a ping every
 * `keepAliveMs` (a socket that missed its pong is terminated). Only
 * subscriptions travel here; queries and mutations go over HTTP.
 *
 * graphql-ws runs the protocol; the `next` messages of live feeds are
 * written by the realtime module's deliveries straight to the socket
 * (see `LiveDelivery` and `SocketWriter`), with backpressure.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer, type ExecutionResult, type FormattedExecutionResult } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, ErrorCode } from '../errors';
import type { LiveChannel } from '../modules/realtime/live-delivery';
import { SocketWriter, SubscriptionChannel } from '../modules/realtime/socket-channel';
import type { SharedExecutionContext } from '../modules/realtime/shared-execution';
import { subscribeShared } from '../modules/realtime/shared-execution';
import type { ViewerHandle } from '../modules/realtime/viewer-directory';
import type { Viewer } from '../modules/auth/viewer';
import type { Context, PortalIdentity } from './context';
import { createErrorFormatter } from './format-error';
import { createLoaders, type Loaders } from './loaders';
import { resolvePortal, resolveViewer } from './request-identity';
import type { AppServices } from './services';

export interface GraphQLWebSocketOptions {
  schema: GraphQLSchema;
  services: AppServices;
  /** Rules added to graphql-js's standard ones (the same as on HTTP: depth, aliases, cost, introspection). */
  validationRules?: readonly ValidationRule[];
  /** Parser options (the same as on HTTP, e.g. `maxTokens`). */
  parseOptions?: ParseOptions;
  /** Validation errors reported at most. */
  maxValidationErrors?: number;
  /** How errors reach clients (default: the HTTP formatter, which masks unexpected ones). */
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  path?: string;
  maxPayloadBytes?: number;
  maxSubscriptionsPerConnection?: number;
  keepAliveMs?: number;
  connectionInitWaitMs?: number;
  /** On close: how long sockets get to finish the close handshake before they are cut. */
  closeGraceMs?: number;
}

export interface GraphQLWebSocketServer {
  /** Open sockets. */
  readonly connectionCount: number;
  /** Stops accepting, closes every socket with 1001 (going away) so clients reconnect elsewhere. */
  close(): Promise<void>;
}

/** One socket and who is on the other end. */
interface Connection {
  readonly socket: WebSocket;
  readonly writer: SocketWriter;
  /** Which of the heartbeat's slices pings this socket. */
  readonly heartbeatSlice: number;
  readonly origin: string | null;
  readonly host: string | null;
  readonly clientAddress: string;
  viewer: ViewerHandle | null;
  portal: PortalIdentity | null;
  /** When the staff token expires (ms since the epoch): the connection is closed with 4401 then. */
  tokenExpiresAt: number | null;
  /** Answered the last ping. */
  alive: boolean;
  closed: boolean;
}

const GOING_AWAY = 1001;
/** The heartbeat pings a slice of the sockets at a time: pinging 10,000 at once held the loop for ~200 ms. */
const HEARTBEAT_SLICES = 16;

/** Close reasons are limited to 123 bytes. */
const closeReason = (text: string) => Buffer.from(text).subarray(0, 123).toString().replace(/\uFFFD+$/, '');

/**
 * The context of one subscription. Identity comes from the connection (the
 * viewer as currently refreshed); the request scope (EntityManager fork,
 * loaders) is created only when something uses it, and afresh per event.
 */
class OperationContext implements Context, SharedExecutionContext {
  private scope: { em: EntityManager; loaders: Loaders } | undefined;

  constructor(
    private readonly connection: Connection,
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
      const em = this.app.db.orm.em.fork() as unknown as EntityManager;
      this.scope = { em, loaders: createLoaders(em) };
    }
    return this.scope;
  }
}

type Prepared = { id: number; document: DocumentNode; errors?: undefined } | { errors: readonly GraphQLError[] };

/** Parsed and validated documents by query text (bounded, least recently used first out): 10,000 trackers parse once. */
class PreparedDocuments {
  private readonly cache = new Map<string, Prepared>();
  private nextId = 1;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly parseOptions: ParseOptions | undefined,
    private readonly maxErrors: number,
    private readonly capacity = 500,
  ) {}

  get(query: string): Prepared {
    const hit = this.cache.get(query);
    if (hit) {
      this.cache.delete(query);
      this.cache.set(query, hit);
      return hit;
    }
    const prepared = this.prepare(query);
    if (this.cache.size >= this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(query, prepared);
    return prepared;
  }

  private prepare(query: string): Prepared {
    let document: DocumentNode;
    try {
      document = parse(query, this.parseOptions);
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
      return { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } })] };
    }
    const errors = validate(this.schema, document, [...this.rules, ...specifiedRules], { maxErrors: this.maxErrors });
    if (errors.length > 0) {
      return {
        errors: errors.map((e) =>
          e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }),
        ),
      };
    }
    return { id: this.nextId++, document };
  }
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** As on HTTP: with TRUST_PROXY, the entry our proxy appended to X-Forwarded-For. */
function clientAddressOf(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim();
    if (last && last.length <= 64) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** The expiry of an already verified JWT. */
function tokenExpiry(authorization: string): number | null {
  try {
    const payload = authorization.trim().split(/\s+/)[1]?.split('.')[1] ?? '';
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The error to format: the original behind a GraphQL error that graphql-ws
 * wrapped around a failing stream; and request errors without a code (bad
 * variables) marked BAD_USER_INPUT, as Apollo marks them on HTTP.
 */
function originalOf(error: GraphQLError): unknown {
  const original = !error.path && error.originalError ? error.originalError : error;
  if (original instanceof GraphQLError && !original.originalError && !original.extensions.code) {
    return new GraphQLError(original.message, { nodes: original.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  return original;
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves graphql-ws on `httpServer` until {@link GraphQLWebSocketServer.close}. */
export function attachGraphQLWebSocket(httpServer: http.Server, options: GraphQLWebSocketOptions): GraphQLWebSocketServer {
  const { schema, services } = options;
  const { logger, config, realtime } = services;
  const path = options.path ?? '/graphql';
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? 20;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const closeGraceMs = options.closeGraceMs ?? 2_000;
  const formatError = options.formatError ?? createErrorFormatter(logger);
  const documents = new PreparedDocuments(schema, options.validationRules ?? [], options.parseOptions, options.maxValidationErrors ?? 10);
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const original = originalOf(error);
      return formatError((original instanceof GraphQLError ? original : error).toJSON(), original);
    });
  /** A `next` payload as graphql-ws would send it after `onNext` below. */
  const encodeResult = (result: ExecutionResult) => JSON.stringify(result.errors ? { ...result, errors: format(result.errors) } : result);

  const connections = new Set<Connection>();
  const heartbeatSlices = Array.from({ length: HEARTBEAT_SLICES }, () => new Set<Connection>());
  let nextSlice = 0;
  let closing = false;

  /**
   * The viewer of a staff token. A user already connected here is not loaded
   * again (10,000 feeds of one account cost one load); anyone else goes the
   * HTTP way, with its checks and messages.
   */
  const identify = async (authorization: string, em: EntityManager): Promise<ViewerHandle> => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
    const claims = token ? await services.tokens.verify(token) : null;
    const connected = claims ? realtime.viewers.acquireConnected(claims.sub) : null;
    if (connected) return connected;
    const viewer = await resolveViewer(services, em, authorization);
    return realtime.viewers.acquire(viewer!);
  };

  const refuse = (connection: Connection, code: CloseCode, message: string): false => {
    connection.socket.close(code, closeReason(message));
    return false;
  };

  const server = makeServer<Record<string, unknown>, Connection>({
    schema,
    connectionInitWaitTimeout: options.connectionInitWaitMs ?? 5_000,
    subscribe: subscribeShared,
    async onConnect(ctx) {
      const connection = ctx.extra;
      const params = ctx.connectionParams ?? {};
      const authorization = params.authorization ?? params.Authorization;
      const portalKey = params.portalKey;
      const em = services.db.orm.em.fork() as unknown as EntityManager;
      try {
        if (authorization !== undefined && authorization !== null) {
          if (typeof authorization !== 'string') return refuse(connection, CloseCode.Unauthorized, 'authorization must be "Bearer <token>".');
          const handle = await identify(authorization, em);
          // Gone while we looked the user up: its close handler has run already.
          if (connection.closed) {
            realtime.viewers.release(handle);
            return false;
          }
          connection.viewer = handle;
          connection.tokenExpiresAt = tokenExpiry(authorization);
        }
        if (portalKey !== undefined && portalKey !== null) {
          if (typeof portalKey !== 'string') return refuse(connection, CloseCode.Forbidden, 'portalKey must be a string.');
          connection.portal = await resolvePortal(em, portalKey, connection.origin);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const code = error.extensions.code === ErrorCode.UNAUTHENTICATED ? CloseCode.Unauthorized : CloseCode.Forbidden;
        return refuse(connection, code, error.message);
      }
      return true;
    },
    onSubscribe(ctx, id, payload) {
      const connection = ctx.extra;
      // The new subscription is already counted in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > maxSubscriptions) {
        return [new AppError(ErrorCode.RATE_LIMITED, `At most ${maxSubscriptions} subscriptions per connection: complete one or open another connection.`)];
      }
      const prepared = documents.get(payload.query);
      if (prepared.errors) return prepared.errors;
      const operation = getOperationAST(prepared.document, payload.operationName);
      if (!operation) {
        return [new AppError(ErrorCode.BAD_USER_INPUT, 'Name the operation to run (operationName) when the document has several.')];
      }
      if (operation.operation !== 'subscription') {
        return [new AppError(ErrorCode.BAD_USER_INPUT, 'Only subscriptions go over WebSocket: send queries and mutations with HTTP POST /graphql.')];
      }
      const shareKey = [
        prepared.id,
        connection.viewer?.userId ?? '',
        connection.portal?.id ?? '',
        payload.operationName ?? '',
        JSON.stringify(payload.variables ?? {}),
      ].join('|');
      return {
        schema,
        document: prepared.document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: new OperationContext(connection, services, shareKey, randomUUID(), new SubscriptionChannel(connection.writer, id, encodeResult)),
      };
    },
    // Results of streams that are not live feeds (none today) still come this way.
    onNext(_ctx, _id, _payload, _args, result: ExecutionResult): FormattedExecutionResult | void {
      if (result.errors?.length) return { ...result, errors: format(result.errors) };
    },
    onError(_ctx, _id, _payload, errors) {
      return format(errors);
    },
  });

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: options.maxPayloadBytes ?? 64 * 1024,
    // No compression: cheaper for thousands of sockets, and SocketWriter's own frames rely on it.
    perMessageDeflate: false,
    handleProtocols: (protocols) => handleProtocols(protocols),
  });

  const onConnection = (socket: WebSocket, req: http.IncomingMessage, tcp: Duplex) => {
    // Keep what we need of the upgrade request, not the request itself.
    const connection: Connection = {
      socket,
      writer: new SocketWriter(socket, tcp),
      heartbeatSlice: nextSlice++ % HEARTBEAT_SLICES,
      origin: header(req, 'origin'),
      host: (config.trustProxy ? header(req, 'x-forwarded-host')?.split(',')[0]?.trim() : undefined) || header(req, 'host'),
      clientAddress: clientAddressOf(req, config.trustProxy),
      viewer: null,
      portal: null,
      tokenExpiresAt: null,
      alive: true,
      closed: false,
    };
    connections.add(connection);
    heartbeatSlices[connection.heartbeatSlice].add(connection);
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('error', (error) => {
      // Protocol errors (e.g. a message over maxPayload): ws closes the socket itself.
      logger.debug({ err: { message: error.message } }, 'websocket: socket error');
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            // Resolves once written: graphql-ws sends a subscription's next message only then (backpressure).
            connection.writer.send(data, (error) => (error && socket.readyState === socket.OPEN ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              logger.error({ err: error }, 'websocket: message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      connection,
    );
    socket.once('close', (code, reason) => {
      connection.closed = true;
      connections.delete(connection);
      heartbeatSlices[connection.heartbeatSlice].delete(connection);
      if (connection.viewer) realtime.viewers.release(connection.viewer);
      closed(code, reason.toString()).catch((error: unknown) => logger.error({ err: error }, 'websocket: cleanup failed'));
    });
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== path) {
      // Another upgrade handler may own other paths; alone, we refuse them.
      if (httpServer.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, socket));
  };
  httpServer.on('upgrade', onUpgrade);

  // One timer for every socket, a slice per tick (each socket every keepAliveMs): ping, cut the ones that missed the
  // last pong, close expired sessions.
  let tick = 0;
  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const connection of heartbeatSlices[tick++ % HEARTBEAT_SLICES]) {
      const { socket } = connection;
      if (!connection.alive) {
        socket.terminate();
        continue;
      }
      if (connection.tokenExpiresAt !== null && now >= connection.tokenExpiresAt) {
        socket.close(CloseCode.Unauthorized, 'The token has expired: sign in again.');
        continue;
      }
      connection.alive = false;
      if (socket.readyState === socket.OPEN) socket.ping(undefined, undefined, connection.writer.afterWrite);
    }
  }, keepAliveMs / HEARTBEAT_SLICES);
  heartbeat.unref();

  let closingDone: Promise<void> | undefined;
  return {
    get connectionCount() {
      return connections.size;
    },
    close() {
      closingDone ??= (async () => {
        closing = true;
        clearInterval(heartbeat);
        for (const { socket } of connections) socket.close(GOING_AWAY, 'Going away: the server is shutting down');
        const deadline = Date.now() + closeGraceMs;
        while (connections.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        for (const { socket } of connections) socket.terminate();
        httpServer.off('upgrade', onUpgrade);
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closingDone;
    },
  };
}
