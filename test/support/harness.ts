/**
 * Starts a real API for one test file — on the embedded database, or on a
 * fresh PostgreSQL database of its own when LM_TEST_DB=postgres — and speaks
 * GraphQL to it over HTTP. Every server a test starts, it closes.
 */
import { loadConfig, type Config } from '../../api/src/config';
import { DEMO_PASSWORD } from '../../api/src/db/seeders/demo-city';
import { startServer, type RunningServer, type StartOptions } from '../../api/src/server/http';
import { createScratchDatabase, TEST_DB } from './databases';
import { COMMITTED_EVENTS_SQL_MARK } from '../../api/src/modules/realtime/committed-events';
import { OUTBOUND_SQL_MARK } from '../../api/src/modules/outbound/delivery-queue';

export { createScratchDatabase, describeOn, itOn, POSTGRES_ADMIN_URL, TEST_DB } from './databases';
export { DEMO_PASSWORD };

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  portalKey?: string;
  origin?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  graphqlUrl: string;
  server: RunningServer;
  config: Config;
  /** The database URL when on PostgreSQL. */
  databaseUrl?: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  /** A staff token for a demo account (password: the demo password). */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions extends StartOptions {
  seedDemo?: boolean;
  env?: Record<string, string>;
  /** The database sessions' TimeZone (PostgreSQL's default is the server's, PGlite's UTC): SQL that forgets `at time zone 'UTC'` shows. */
  databaseTimeZone?: string;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const scratch = TEST_DB === 'postgres' ? await createScratchDatabase({ timeZone: options.databaseTimeZone }) : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: options.seedDemo === false ? '0' : '1',
    ADMIN_PASSWORD: DEMO_PASSWORD,
    OVERDUE_SWEEP_SECONDS: '0',
    DATA_DIR: `/tmp/lastmeter-test-${process.pid}`,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ...options.env,
  });
  let server: RunningServer;
  try {
    server = await startServer(config, { inMemory: !scratch, ...options });
  } catch (error) {
    await scratch?.drop();
    throw error;
  }
  // The embedded database is one session: setting it once holds for every statement.
  if (!scratch && options.databaseTimeZone) {
    await server.services.db.orm.em.getConnection().execute(`set timezone to '${options.databaseTimeZone.replace(/'/g, "''")}'`);
  }
  const graphqlUrl = `${server.url}/graphql`;
  const gql = async <T,>(query: string, variables?: Record<string, unknown>, opts: RequestOptions = {}): Promise<GraphQLResponse<T>> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.portalKey) headers['x-portal-key'] = opts.portalKey;
    if (opts.origin) headers.origin = opts.origin;
    const res = await fetch(graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    let body: { data?: T; errors?: GraphQLResponse['errors'] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`Not JSON (HTTP ${res.status}): ${text.slice(0, 300)}`);
    }
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  };
  return {
    url: server.url,
    graphqlUrl,
    server,
    config,
    databaseUrl: scratch?.url,
    gql,
    async login(username, password = DEMO_PASSWORD) {
      const res = await gql<{ login: { token: string } }>(
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: username, p: password },
      );
      if (!res.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
    async close() {
      await server.close();
      await scratch?.drop();
    },
  };
}

/** The single error code of a response, failing loudly when there is none. */
export function errorCode(res: GraphQLResponse): string {
  if (!res.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
  return res.errors[0].extensions?.code;
}

/** The data of a response, failing loudly on any error. */
export function dataOf<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/**
 * Whether a statement the server sent was run by one of its timers, not for a request: the realtime tail's safety
 * poll (reads of committed events, marked `committed events`) and the outbound worker (marked `outbound`). Tests that
 * count a request's statements leave these out.
 */
export function ranOnATimer(sql: string): boolean {
  return sql.includes(COMMITTED_EVENTS_SQL_MARK) || sql.includes(OUTBOUND_SQL_MARK);
}
