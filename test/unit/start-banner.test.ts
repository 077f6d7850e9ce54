/**
 * The one banner `npm start` prints at a terminal: where the demo portal, the
 * GraphQL endpoint and (once it answers) the console are, and who can sign in.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from '@jest/globals';
import { CONSOLE_PATH, DEMO_ACCOUNTS, consoleAvailable, startBanner } from '../../api/src/server/start-banner';

const demo = { databaseUrl: undefined, dataDir: '/srv/lastmeter/data', seedDemo: true, adminUsername: 'admin', adminPassword: undefined };

describe('the start banner', () => {
  it('names the demo portal, the GraphQL endpoint and every demo account with the demo password', () => {
    const banner = startBanner({ url: 'http://127.0.0.1:4000', config: demo, consoleAvailable: false });
    assert.match(banner, /Demo portal\s+http:\/\/127\.0\.0\.1:4000\/\n/);
    assert.match(banner, /GraphQL endpoint\s+http:\/\/127\.0\.0\.1:4000\/graphql/);
    assert.match(banner, /embedded database in \/srv\/lastmeter\/data/);
    assert.match(banner, /password lastmeter-demo/);
    for (const { username } of [{ username: 'admin' }, ...DEMO_ACCOUNTS]) assert.match(banner, new RegExp(`^\\s+${username.replace('.', '\\.')}\\s`, 'm'));
    assert.doesNotMatch(banner, /Console/, 'no console line while the console does not exist');
  });

  it('names the console once it answers, and no demo accounts without the demo city', () => {
    const banner = startBanner({
      url: 'http://10.0.0.5:4000',
      config: { ...demo, databaseUrl: 'postgres://db/lastmeter', seedDemo: false, adminPassword: 'from-the-environment' },
      consoleAvailable: true,
    });
    assert.match(banner, new RegExp(`Console\\s+http://10\\.0\\.0\\.5:4000${CONSOLE_PATH}`));
    assert.match(banner, /PostgreSQL at DATABASE_URL/);
    assert.doesNotMatch(banner, /cadre\.zheng|lastmeter-demo|from-the-environment/, 'no demo accounts, and never a real password');
    assert.match(banner, /Sign in as admin \(password from ADMIN_PASSWORD\)/);
  });

  it('consoleAvailable asks the server: true only when the console path answers', async () => {
    let consoleServed = false;
    const server = http.createServer((req, res) => res.writeHead(req.url === CONSOLE_PATH && consoleServed ? 200 : 404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      assert.equal(await consoleAvailable(url), false);
      consoleServed = true;
      assert.equal(await consoleAvailable(url), true);
    } finally {
      server.close();
    }
    assert.equal(await consoleAvailable(url), false, 'nothing listening: false, not an error');
  });
});
