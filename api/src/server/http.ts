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
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { Config } from '../config';
import { bootstrap } from '../db/bootstrap';
import { openDatabase, type Database } from '../db/orm';
import { ErrorCode } from '../errors';
import { LoginGuard } from '../modules/auth/login-guard';
import { TokenService } from '../modules/auth/token';
import { silentNotifier } from '../modules/realtime/event-notifier';
import type { Context } from './context';
import { createErrorFormatter } from './format-error';
import { createLoaders } from './loaders';
import { createLogger } from './logger';
import { resolvePortal, resolveViewer } from './request-identity';
import { buildLastmeterSchema } from './schema';
import { resolveJwtSecret } from './secrets';
import type { AppServices } from './services';

export interface StartOptions {
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  services: AppServices;
  close(): Promise<void>;
}

function clientAddress(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function header(req: Request, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const db: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    inMemory: options.inMemory,
    onQuery: options.onQuery,
  });
  try {
    await bootstrap(db.orm.em.fork() as never, config, db.kind === 'embedded', logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  const services: AppServices = {
    config,
    db,
    tokens: new TokenService(resolveJwtSecret(config), config.jwtTtlSeconds),
    loginGuard: new LoginGuard(),
    logger,
    events: silentNotifier,
  };

  const schema = await buildLastmeterSchema();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready', database: db.kind });
    } catch {
      res.status(503).json({ status: 'unavailable', database: db.kind });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => {
        const em = db.orm.em.fork() as unknown as Context['em'];
        const origin = header(req, 'origin');
        const viewer = await resolveViewer(services, em, header(req, 'authorization'));
        const portal = await resolvePortal(em, header(req, 'x-portal-key'), origin);
        return {
          app: services,
          em,
          viewer,
          portal,
          origin,
          clientAddress: clientAddress(req, config.trustProxy),
          loaders: createLoaders(em, viewer),
          requestId: header(req, 'x-request-id')?.slice(0, 100) ?? randomUUID(),
        };
      },
    }),
  );

  // Body-parser and other middleware errors: a GraphQL-shaped JSON answer, never an HTML stack trace.
  app.use((error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'request failed');
    const message =
      error.type === 'entity.too.large'
        ? 'The request body is too large (at most 1 MB).'
        : status === 500
          ? 'Internal server error.'
          : 'The request body is not valid JSON.';
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST' } }],
    });
  });

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url: `${url}/graphql`, database: db.kind }, 'Lastmeter API listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    services,
    close() {
      closing ??= (async () => {
        await apollo.stop();
        await db.close();
      })();
      return closing;
    },
  };
}
