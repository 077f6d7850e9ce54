/**
 * The one banner `npm start` prints at a terminal: where the demo portal, the
 * GraphQL endpoint and (once it answers) the console are, and who can sign in.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { CONSOLE_PATH, CONSOLE_SERVED, DEMO_ACCOUNTS, startBanner } from '../../api/src/server/start-banner';

const demo = { databaseUrl: undefined, dataDir: '/srv/lastmeter/data', seedDemo: true, adminUsername: 'admin', adminPassword: undefined };

describe('the start banner', () => {
  it('names the demo portal, the GraphQL endpoint and every demo account with the demo password', () => {
    const banner = startBanner({ url: 'http://127.0.0.1:4000', config: demo, consoleServed: false });
    assert.match(banner, /Demo portal\s+http:\/\/127\.0\.0\.1:4000\/\n/);
    assert.match(banner, /GraphQL endpoint\s+http:\/\/127\.0\.0\.1:4000\/graphql/);
    assert.match(banner, /embedded database in \/srv\/lastmeter\/data/);
    assert.match(banner, /password lastmeter-demo/);
    for (const { username } of [{ username: 'admin' }, ...DEMO_ACCOUNTS]) assert.match(banner, new RegExp(`^\\s+${username.replace('.', '\\.')}\\s`, 'm'));
    assert.doesNotMatch(banner, /Console/, 'no console line while the console is not served');
    assert.equal(CONSOLE_SERVED, true, 'the API serves the console at /console/ (console-page.ts), so `npm start` names it');
  });

  it('names the console once it is served, and no demo accounts without the demo city', () => {
    const banner = startBanner({
      url: 'http://10.0.0.5:4000',
      config: { ...demo, databaseUrl: 'postgres://db/lastmeter', seedDemo: false, adminPassword: 'from-the-environment' },
      consoleServed: true,
    });
    assert.match(banner, new RegExp(`Console\\s+http://10\\.0\\.0\\.5:4000${CONSOLE_PATH}`));
    assert.match(banner, /PostgreSQL at DATABASE_URL/);
    assert.doesNotMatch(banner, /cadre\.zheng|lastmeter-demo|from-the-environment/, 'no demo accounts, and never a real password');
    assert.match(banner, /Sign in as admin \(password from ADMIN_PASSWORD\)/);
  });
});
