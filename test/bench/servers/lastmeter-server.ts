/** The Lastmeter API as the benchmark runs it: startServer on DATABASE_URL, in a child process of its own. */
import { loadConfig } from '../../../api/src/config';
import { startServer } from '../../../api/src/server/http';
import { countPgStatements, serveParent } from './child-protocol';

countPgStatements();

(async () => {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0', NODE_ENV: 'production' });
  const server = await startServer(config);
  serveParent(`${server.url}/graphql`, () => server.close());
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
