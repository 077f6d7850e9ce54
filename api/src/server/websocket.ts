/**
 * GraphQL over WebSocket (graphql-ws, subprotocol `graphql-transport-ws`) on
 * the HTTP server, path /graphql: the adapter between `ws` sockets and
 * graphql-ws's protocol server, in the shape of graphql-ws's own `use/ws`.
 * Who connects is settled in `connection-identity.ts`; what a subscription
 * runs with, in `operation-context.ts`.
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
import {
  GraphQLError,
  getOperationAST,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer, type ExecutionResult, type FormattedExecutionResult } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, ErrorCode } from '../errors';
import { SocketWriter, SubscriptionChannel } from '../modules/realtime/socket-channel';
import { subscribeShared } from '../modules/realtime/shared-execution';
import { identifyConnection, identityOfUpgrade, type ConnectionIdentity } from './connection-identity';
import { createErrorFormatter } from './format-error';
import { OperationContext, shareKeyOf } from './operation-context';
import { PreparedDocuments } from './prepared-documents';
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
  /** Documents already parsed and validated by the same rules (shared with HTTP); else built from the three above. */
  documents?: PreparedDocuments;
  /** How errors reach clients (default: the HTTP formatter, which masks unexpected ones). */
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  path?: string;
  maxPayloadBytes?: number;
  maxSubscriptionsPerConnection?: number;
  keepAliveMs?: number;
  connectionInitWaitMs?: number;
  /** On close: how long sockets get to finish the close handshake before they are cut. */
  closeGraceMs?: number;
  /** Whether an upgrade may go ahead (connection caps); refused ones get 429. */
  admitUpgrade?: (req: http.IncomingMessage, socket: Duplex) => boolean;
}

export interface GraphQLWebSocketServer {
  /** Open sockets. */
  readonly connectionCount: number;
  /** Stops accepting, closes every socket with 1001 (going away) so clients reconnect elsewhere. */
  close(): Promise<void>;
}

/** One socket and who is on the other end (graphql-ws's `extra`). */
interface Connection extends ConnectionIdentity {
  readonly socket: WebSocket;
  readonly writer: SocketWriter;
  /** Which of the heartbeat's slices pings this socket. */
  readonly heartbeatSlice: number;
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
  const { logger, realtime } = services;
  const path = options.path ?? '/graphql';
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? 20;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const closeGraceMs = options.closeGraceMs ?? 2_000;
  const formatError = options.formatError ?? createErrorFormatter(logger);
  const documents = options.documents ?? new PreparedDocuments(schema, options.validationRules ?? [], options.parseOptions, options.maxValidationErrors ?? 10);
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

  const server = makeServer<Record<string, unknown>, Connection>({
    schema,
    connectionInitWaitTimeout: options.connectionInitWaitMs ?? 5_000,
    subscribe: subscribeShared,
    async onConnect(ctx) {
      const connection = ctx.extra;
      const outcome = await identifyConnection(connection, ctx.connectionParams ?? {}, services, () => !connection.closed);
      if (outcome === 'accepted') return true;
      if (outcome !== 'gone') connection.socket.close(outcome.code, closeReason(outcome.reason));
      return false;
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
      const shareKey = shareKeyOf(prepared.id, connection, payload.operationName, payload.variables);
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

  /** Every socket starts here, once the upgrade is done: it joins the heartbeat and graphql-ws takes the protocol. */
  const accept = (socket: WebSocket, req: http.IncomingMessage, tcp: Duplex) => {
    // Keep what we need of the upgrade request, not the request itself.
    const connection: Connection = {
      ...identityOfUpgrade(req, services.clientAddressOf),
      socket,
      writer: new SocketWriter(socket, tcp),
      heartbeatSlice: nextSlice++ % HEARTBEAT_SLICES,
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

  /** The one door: an upgrade request on our path becomes a socket here, or is refused with an HTTP status. */
  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== path) {
      // Another upgrade handler may own other paths; alone, we refuse them.
      if (httpServer.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if (options.admitUpgrade && !options.admitUpgrade(req, socket)) return refuseUpgrade(socket, 429, 'Too Many Requests');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, socket));
  };
  httpServer.on('upgrade', upgrade);

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
        httpServer.off('upgrade', upgrade);
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closingDone;
    },
  };
}
