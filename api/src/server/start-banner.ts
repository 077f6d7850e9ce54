/**
 * What `npm start` shows a person at a terminal once the API listens: where the
 * demo portal, the GraphQL endpoint and the console are, and how to sign in.
 * One block, printed once (main.ts), beside the logs rather than in them.
 */
import { DEMO_ADMIN_PASSWORD, type Config } from '../config';

/** Where the staff console will be served (DESIGN: Lit components at /console/). */
export const CONSOLE_PATH = '/console/';

/** The API serves the staff console at {@link CONSOLE_PATH} (console-page.ts), so the banner names it. */
export const CONSOLE_SERVED = true;

/** The demo city's accounts (api/src/db/seeders/demo-city.ts makes them). */
export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; role: string; who: string }> = [
  { username: 'cadre.zheng', role: 'CADRE', who: 'village cadre, assigned to grid No. 7' },
  { username: 'cadre.chen', role: 'CADRE', who: 'city civil affairs bureau, assigned to grid No. 7' },
  { username: 'cadre.sun', role: 'CADRE', who: 'county cadre, sees the whole county' },
  { username: 'supervisor.liu', role: 'CADRE', who: 'city supervisor, sees the whole city' },
  { username: 'worker.lin', role: 'GRID_WORKER', who: 'grid worker of grid No. 7' },
  { username: 'worker.gao', role: 'GRID_WORKER', who: 'grid worker of a rural grid' },
];

export interface BannerFacts {
  /** The server's base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'seedDemo' | 'adminUsername' | 'adminPassword'>;
  /** Whether the API serves the console at `CONSOLE_PATH` (see {@link CONSOLE_SERVED}). */
  consoleServed: boolean;
}

export function startBanner({ url, config, consoleServed }: BannerFacts): string {
  const embedded = !config.databaseUrl;
  const rows: Array<[string, string]> = [
    ['Demo portal', `${url}/`],
    ['GraphQL endpoint', `${url}/graphql`],
  ];
  if (consoleServed) rows.push(['Console', `${url}${CONSOLE_PATH}`]);
  const lines = [
    '',
    `  Lastmeter is running (${embedded ? `embedded database in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL'})`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(18)}${value}`),
  ];
  const adminPassword = config.adminPassword ? 'password from ADMIN_PASSWORD' : embedded ? `password ${DEMO_ADMIN_PASSWORD}` : undefined;
  if (config.seedDemo) {
    lines.push('', `  Demo accounts (password ${DEMO_ADMIN_PASSWORD}):`);
    if (adminPassword) lines.push(`    ${config.adminUsername.padEnd(16)}${'ADMIN'.padEnd(13)}administrator (${adminPassword})`);
    for (const account of DEMO_ACCOUNTS) lines.push(`    ${account.username.padEnd(16)}${account.role.padEnd(13)}${account.who}`);
  } else if (adminPassword) {
    lines.push('', `  Sign in as ${config.adminUsername} (${adminPassword}).`);
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  return lines.join('\n');
}
