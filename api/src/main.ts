/** `npm start`: read the environment, start the API, stop cleanly on SIGTERM/SIGINT. */
import { ConfigError, loadConfig } from './config';
import { startServer } from './server/http';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const stop = async (signal: string) => {
    server.services.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
