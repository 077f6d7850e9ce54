/**
 * `npm start`: read the environment, start the API, stop cleanly on SIGTERM/SIGINT.
 *
 * Shutdown: the server stops accepting, closes WebSockets with 1001, lets
 * in-flight requests finish, then closes the feeds, Redis and the database;
 * the process exits 0 — or 1 if that took more than {@link SHUTDOWN_LIMIT_MS}
 * or failed. A second signal during shutdown exits at once.
 */
// Before any decorated class is defined: type-graphql and MikroORM read the decorators' type metadata.
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { DataDirInUseError } from './db/data-dir-lock';
import { startEmbeddedEngineEarly } from './db/embedded-engine';
import { createLogger, type Logger } from './server/logger';
import type { RunningServer } from './server/http';

/** Orchestrators wait about this long after SIGTERM before SIGKILL. */
const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded database starts opening on its own thread first; the API's modules (~1 s) load meanwhile.
  if (!config.databaseUrl) startEmbeddedEngineEarly({ dataDir: config.dataDir });
  const { startServer } = require('./server/http') as typeof import('./server/http');
  const logger = createLogger(config.logLevel);
  let server: RunningServer | undefined;
  let stopping = false;

  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    timer.unref();
    try {
      // A signal while starting: startServer finishes first (the embedded database must not be cut mid-initialisation).
      while (!server) await new Promise((resolve) => setTimeout(resolve, 50));
      await server.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  installCrashGuards(logger);

  server = await startServer(config, { logger });
  // A person at a terminal gets one banner saying where everything is; logs to a pipe stay pure JSON.
  if (process.stdout.isTTY) {
    const { CONSOLE_SERVED, startBanner } = require('./server/start-banner') as typeof import('./server/start-banner');
    process.stdout.write(`${startBanner({ url: server.url, config, consoleServed: CONSOLE_SERVED })}\n`);
  }
}

/**
 * A stray rejected promise (e.g. a background task while the database is
 * away) is logged, not fatal: the server keeps serving. An uncaught exception
 * leaves the process in an unknown state: log it and exit, so the supervisor
 * restarts a clean one.
 */
function installCrashGuards(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: exiting');
    process.exit(1);
  });
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
