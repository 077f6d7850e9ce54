/**
 * A staff WebSocket lives as long as its token: the expiry the token service
 * read when it verified the token at `connection_init` closes the socket with
 * 4401 once it passes (the heartbeat checks each socket every keep-alive
 * period, 15 s), so a client signs in again instead of listening forever.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { TokenService } from '../../api/src/modules/auth/token';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { GraphQLSocket } from '../support/realtime-client';

describe('a staff WebSocket and its token', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('is closed with 4401 once the token has expired, not before', async () => {
    const admin = await t.login('admin');
    const { id } = dataOf(await t.gql('{ me { id } }', {}, { token: admin })).me;
    // Signed with the server's secret, valid for 2 seconds.
    const shortLived = await new TokenService(t.config.jwtSecret!, 2).sign({ sub: id, role: 'ADMIN' });
    const expiresAt = JSON.parse(Buffer.from(shortLived.split('.')[1], 'base64url').toString('utf8')).exp * 1000;
    const socket = await GraphQLSocket.open(t.graphqlUrl, { params: { authorization: `Bearer ${shortLived}` } });
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([socket.closed, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 25_000)))]);
    clearTimeout(timer);
    if (!closed) socket.terminate();
    assert.ok(closed, 'closed within a keep-alive period of the expiry');
    assert.equal(closed.code, 4401);
    assert.match(closed.reason, /expired/);
    assert.ok(Date.now() >= expiresAt, 'not before the expiry');
  }, 40_000);
});
