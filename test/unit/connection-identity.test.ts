/**
 * A WebSocket upgrade is read by the same helpers as an HTTP request
 * (request-identity.ts): Origin, the host it was sent to and the client
 * address, with X-Forwarded-* honoured only behind a trusted proxy.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from '@jest/globals';
import { identityOfUpgrade } from '../../api/src/server/connection-identity';
import { clientAddress, requestHost } from '../../api/src/server/request-identity';

const upgrade = (headers: Record<string, string | string[]>, remoteAddress = '10.0.0.1') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('the identity of a WebSocket upgrade', () => {
  const req = upgrade({
    origin: 'https://gov.example.cn',
    host: 'api.internal:4000',
    'x-forwarded-host': 'gov.example.cn, other.example',
    'x-forwarded-for': '6.6.6.6, 203.0.113.7',
  });

  it('starts signed out, with the origin, host and address read as on HTTP', () => {
    for (const trustProxy of [false, true]) {
      assert.deepEqual(identityOfUpgrade(req, trustProxy), {
        origin: 'https://gov.example.cn',
        host: requestHost(req, trustProxy),
        clientAddress: clientAddress(req, trustProxy),
        viewer: null,
        portal: null,
        tokenExpiresAt: null,
      });
    }
  });

  it('honours X-Forwarded-* only behind a trusted proxy, taking the entry our proxy appended', () => {
    assert.equal(identityOfUpgrade(req, false).clientAddress, '10.0.0.1');
    assert.equal(identityOfUpgrade(req, false).host, 'api.internal:4000');
    assert.equal(identityOfUpgrade(req, true).clientAddress, '203.0.113.7');
    assert.equal(identityOfUpgrade(req, true).host, 'gov.example.cn');
    assert.equal(identityOfUpgrade(upgrade({ origin: ['https://a.example', 'https://b.example'] }), true).origin, 'https://a.example');
  });
});
