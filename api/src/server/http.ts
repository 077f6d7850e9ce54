/**
 * The running API: database, schema, Apollo at /graphql over Express, health
 * endpoints. `startServer` is what `npm start` and every test use.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import type { Config } from '../config';
import { bootstrap } from '../db/bootstrap';
import { openDatabase, type Database } from '../db/orm';
import { systemClock, type Clock } from '../domain/clock';
import { ErrorCode } from '../errors';
import { LoginGuard } from '../modules/auth/login-guard';
import { startOverdueSweeper } from '../modules/issues/overdue-sweeper';
import { TokenService } from '../modules/auth/token';
import { RecentViewers } from '../modules/auth/viewer-check';
import { TrackedIssueCache } from '../modules/tracking/tracked-issue-cache';
import { loadTrackedIssue } from '../modules/tracking/tracking.service';
import { OwnOrigins, ReportRateLimits } from '../modules/portals/report-access';
import { listPortalOrigins } from '../modules/portals/portal.service';
import { OutboundWorker } from '../modules/outbound/outbound-worker';
import { open311Router } from '../modules/open311/open311.router';
import { Realtime, type RealtimeLimits } from '../modules/realtime/realtime.service';
import { createPhotoServices } from '../modules/photos/photo-setup';
import { photoRoutes } from '../modules/photos/photo-routes';
import { startPhotoSweeper } from '../modules/photos/photo.service';
import type { Context } from './context';
import { isTrustedProxyOf, requestHostOf, useTrustProxy } from './client-address';
import { ConnectionCaps, requestTimeouts } from './connection-caps';
import { graphqlCors, originAllowed, PortalOriginCache } from './cors';
import { databaseOutagePlugin } from './database-outage';
import { createErrorFormatter } from './format-error';
import { healthRoutes } from './health';
import { compiledExecutor, compiledGateway } from './compiled-execution';
import { directGraphql } from './direct-graphql';
import { AUDITED_FIELDS } from '../modules/audit/contact-reads';
import { PreparedDocuments } from './prepared-documents';
import { stringifyResult } from './json-answers';
import { issuesAsJson } from '../modules/issues/issue.resolver';
import { performanceAsJson } from '../modules/performance/performance.resolver';
import { nulCharacterGuard } from './nul-characters';
import { apolloHardening, createParseOptions, createValidationRules, QUERY_LIMITS } from './hardening';
import { createLogger, type Logger } from './logger';
import { knexPoolStats, Metrics } from './metrics';
import { metricsOnPublicPort, startMetricsListener } from './metrics-listener';
import { bindRequestScope, noteOperationName, requestIdMiddleware, requestIdOf } from './request-log';
import { importExportRoutes } from './import-export-routes';
import { passwordChangeGate } from './password-change-gate';
import { rateLimitResponse } from './rate-limit-response';
import { RateLimitStore } from './rate-limits';
import { requestContextOf } from './request-identity';
import { buildLastmeterSchema } from './schema';
import { consolePage } from './console-page';
import { demoPortal } from './demo-portal';
import { staticAssets } from './static-assets';
import { resolveJwtSecret } from './secrets';
import type { AppServices } from './services';
import { attachGraphQLWebSocket } from './websocket';
import { writesClearTracked } from './writes-clear-tracked';

export interface StartOptions {
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** Log here instead of a new pino logger on stdout (tests read what was logged). */
  logger?: Logger;
  /** The time the services decide by (tests pin it); the system clock by default. */
  clock?: Clock;
  /** Live-feed limits (tests shorten the scope refresh period). */
  realtimeLimits?: Partial<RealtimeLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The metrics endpoint when METRICS_PORT is set. */
  metricsUrl?: string;
  services: AppServices;
  close(): Promise<void>;
}

/** No page of ours (or answer) hands its URL to another site. */
const noReferrer = (_req: Request, res: Response, next: NextFunction) => {
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
};

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const opening = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    inMemory: options.inMemory,
    onQuery: options.onQuery,
    logger,
  });
  // Built while the database opens: the embedded engine compiles its WebAssembly off the main thread.
  const building = buildLastmeterSchema();
  building.catch(() => undefined);
  const db: Database = await opening;
  // Live feeds: reads committed events (the tail starts after the newest one) and wakes other replicas.
  const metrics = new Metrics();
  const clock = options.clock ?? systemClock;
  const trackedIssues = new TrackedIssueCache((code) => loadTrackedIssue(db.orm.em.fork(), code));
  const realtime = new Realtime(
    {
      db,
      config,
      logger,
      onPublished: (count) => {
        metrics.eventsPublished.inc(count);
        trackedIssues.clear();
      },
    },
    options.realtimeLimits,
  );
  try {
    await bootstrap(db.orm.em.fork(), config, db.kind === 'embedded', logger);
    await realtime.start();
  } catch (error) {
    await realtime.stop();
    await db.close();
    throw error;
  }
  const app = express();
  app.disable('x-powered-by');
  const rateLimits = new RateLimitStore({ redisUrl: config.redisUrl, prefix: config.redisPrefix, logger });
  const services: AppServices = {
    config,
    db,
    clock,
    tokens: new TokenService(resolveJwtSecret(config), config.jwtTtlSeconds, { clock }),
    recentViewers: new RecentViewers(),
    trackedIssues,
    loginGuard: new LoginGuard(rateLimits, { failuresPerAccount: config.loginFailuresPerAccount, failuresPerAddress: config.loginFailuresPerAddress }),
    logger,
    // Committed events wake the live feeds and the outbound worker (set once listening).
    events: {
      eventsCommitted() {
        trackedIssues.clear();
        realtime.eventsCommitted();
        services.outbound?.wake();
      },
    },
    realtime,
    reportLimits: new ReportRateLimits(rateLimits, config.reportRateLimit, config.reportKeyRateLimit),
    rateLimits,
    clientAddressOf: useTrustProxy(app, config.trustProxy),
    ownOrigins: new OwnOrigins(config.publicOrigin),
    portalOrigins: new PortalOriginCache(() => listPortalOrigins(db.orm.em.fork())),
    metrics,
    photos: createPhotoServices(config, resolveJwtSecret(config)),
  };
  let closing: Promise<void> | undefined;

  const schema = await building;
  // One compiled executor (and its caches) for Apollo and the direct path.
  const executor = compiledExecutor(schema, { performance: performanceAsJson, issues: issuesAsJson });
  // Parsed and validated once per query text for the direct path and WebSocket (Apollo keeps its own store).
  const documents = new PreparedDocuments(schema, createValidationRules(config), createParseOptions(), QUERY_LIMITS.maxErrors);
  const hostOf = requestHostOf(isTrustedProxyOf(app));
  const ide = config.introspection && !config.production;
  const corsOptions = {
    portalOrigins: services.portalOrigins,
    ownOrigins: services.ownOrigins,
    // The development IDE's embedded Sandbox calls from Apollo's origin.
    extraOrigins: ide ? ['https://sandbox.embed.apollographql.com'] : [],
  };
  // Queries that run without an error are answered before Express and Apollo (direct-graphql.ts).
  const listener = directGraphql({
    services,
    documents,
    execute: executor,
    originAllowed: originAllowed(corsOptions),
    hostOf,
    metrics,
    logger,
    fallback: app,
    isClosing: () => closing !== undefined,
    writingFields: AUDITED_FIELDS,
  });
  const httpServer = http.createServer(requestTimeouts(config.requestTimeoutSeconds), listener);
  // Idle keep-alive connections outlive the clients' own idle timeouts (and a load balancer's 60 s),
  // so a client never reuses a socket at the instant the server closes it. (The headers timeout
  // counts only while a request arrives, not while a connection idles.)
  httpServer.keepAliveTimeout = 65_000;
  const connectionCaps = new ConnectionCaps({
    maxConnections: config.maxConnections,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
    isTrustedProxy: isTrustedProxyOf(app),
    clientAddressOf: services.clientAddressOf,
    logger,
  });
  connectionCaps.attach(httpServer);

  // The IDE (Apollo Sandbox) only in development with introspection on (ide above); never in production.
  const apollo = new ApolloServer<Context>({
    gateway: compiledGateway(schema, executor),
    // Root fields answered as JSON text by PostgreSQL go into the response as they are (json-answers.ts).
    stringifyResult,
    ...apolloHardening(config),
    formatError: createErrorFormatter(logger),
    // main.ts owns SIGTERM/SIGINT (closes everything, then exits 0); Apollo's own handler would re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      // In-flight requests get 5 s to finish on shutdown, inside main.ts's 10 s limit.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }),
      metrics.apolloPlugin<Context>(),
      databaseOutagePlugin<Context>(),
      nulCharacterGuard<Context>(),
      passwordChangeGate<Context>(),
      rateLimitResponse<Context>(),
      writesClearTracked<Context>(trackedIssues),
      ide ? ApolloServerPluginLandingPageLocalDefault({ footer: false }) : ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints in the schema: without this, Apollo wraps every field resolver to compute them.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  // Request id, access log and counts for every request; then the probes and /metrics (health.ts, metrics.ts).
  app.use(requestIdMiddleware(logger), metrics.httpMiddleware(), noReferrer);
  // GraphQL first: the busiest route does not walk the other routers' route tables on every request. Its own
  // app (with the main one's settings) computes no ETag: a hash of every answer (4 MB for a city's 考核) that no
  // POST is revalidated against. The GET routes below keep Express's weak ETags.
  const graphqlApp = express();
  graphqlApp.disable('x-powered-by');
  graphqlApp.set('etag', false);
  app.use('/graphql', graphqlApp);
  graphqlApp.use(
    ...graphqlCors(corsOptions),
    express.json({ limit: '1mb' }),
    bindRequestScope(),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        noteOperationName(res, typeof req.body?.operationName === 'string' ? req.body.operationName : null);
        // The host: only the base of photo links without PUBLIC_URL.
        return requestContextOf(services, req, requestIdOf(res), hostOf(req));
      },
    }),
  );

  app.use(healthRoutes({ db, logger, isShuttingDown: () => closing !== undefined }));
  // Off the public port in production (METRICS_PORT): metrics-listener.ts.
  if (metricsOnPublicPort(config)) app.get('/metrics', metrics.handler());
  // The demo portal page at / only with the demo data (never in production); the widget bundle and its manifest.
  if (config.seedDemo) app.use(demoPortal(logger));
  app.use(staticAssets(logger));
  app.use(consolePage(config.mapTileUrl));
  // Open311 GeoReport v2 (REST, JSON and XML), for cities' existing Open311 clients.
  app.use(
    '/open311/v2',
    bindRequestScope(),
    open311Router({ services }),
  );

  // Photo uploads (the same CORS rule as /graphql) and signed photo links.
  app.use(photoRoutes(services, graphqlCors({ portalOrigins: services.portalOrigins, ownOrigins: services.ownOrigins })));
  // File imports (ADMIN) and issue exports (staff), beside /graphql.
  app.use(importExportRoutes(services));

  // Body-parser and other middleware errors: a GraphQL-shaped JSON answer, never an HTML stack trace.
  app.use((error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      const correlationId = randomUUID();
      logger.error({ err: error, correlationId }, 'request failed');
      res.status(500).json({
        errors: [{ message: `Internal server error (correlation id ${correlationId}).`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, correlationId } }],
      });
      return;
    }
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is too large (at most 1 MB).'
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : error.type === 'charset.unsupported' || error.type === 'encoding.unsupported'
            ? 'The request body uses an unsupported charset or content encoding.'
            : 'The request could not be read.';
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  });

  // GraphQL over WebSocket on the same server and path, with the same parse and validation limits.
  const websocket = attachGraphQLWebSocket(httpServer, {
    schema,
    services,
    documents,
    admitUpgrade: connectionCaps.admitUpgrade,
  });
  metrics.setSources({
    websocketConnections: () => websocket.connectionCount,
    subscriptions: () => realtime.subscriberCounts,
    databasePool: () => knexPoolStats(db.orm),
  });

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // Outside production the page this server serves is its own origin too; in production only PUBLIC_URL is.
  if (!config.production) services.ownOrigins.addListening(url);
  logger.info({ url: `${url}/graphql`, database: db.kind }, 'Lastmeter API listening');
  const metricsListener = await startMetricsListener(config, metrics, logger);
  // Webhooks and short messages: links in them point at PUBLIC_URL, or here.
  const outbound = new OutboundWorker({
    orm: db.orm,
    config: config.outbound,
    logger,
    publicUrl: () => config.publicUrl ?? url,
    counters: {
      delivery: (format, outcome) => metrics.webhookDeliveries.inc({ format, outcome }),
      sms: (outcome) => metrics.smsMessages.inc({ outcome }),
    },
  });
  services.outbound = outbound;
  outbound.start();
  // Through services.events at each call, so the sweep always notifies whichever notifier is current.
  const overdueSweeper = startOverdueSweeper(db.orm, { eventsCommitted: () => services.events.eventsCommitted() }, logger, config.overdueSweepSeconds, config.dueSoonShare, clock);
  // Uploads never attached are deleted after 24 hours; looked for every 15 minutes.
  const photoSweeper = startPhotoSweeper(() => db.orm.em.fork(), services.photos.storage, logger, config.overdueSweepSeconds > 0 ? 900 : 0);

  return {
    url,
    port,
    metricsUrl: metricsListener?.url,
    services,
    close() {
      closing ??= (async () => {
        // Sockets first (1001: clients reconnect elsewhere), then in-flight HTTP, then the feeds and Redis.
        await websocket.close();
        await metricsListener?.close();
        await apollo.stop();
        await overdueSweeper.stop();
        await outbound.stop();
        await photoSweeper.stop();
        services.photos.storage.close?.();
        await realtime.stop();
        await rateLimits.close();
        await db.close();
      })();
      return closing;
    },
  };
}
