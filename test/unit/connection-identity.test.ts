/**
 * A WebSocket upgrade is read by the same helpers as an HTTP request:
 * Origin and Host (request-identity.ts), and the client address by Express's
 * trust proxy (client-address.ts), with X-Forwarded-For honoured only behind
 * a trusted proxy.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from '@jest/globals';
import express from 'express';
import type { TrustProxy } from '../../api/src/config';
import { useTrustProxy } from '../../api/src/server/client-address';
import { identityOfUpgrade } from '../../api/src/server/connection-identity';

const upgrade = (headers: Record<string, string | string[]>, remoteAddress = '10.0.0.1') =>
  ({ headers, socket: { remoteAddress }, connection: { remoteAddress } }) as unknown as IncomingMessage;
/** The one client-address function of a server with this TRUST_PROXY (the same one HTTP requests use). */
const addressOf = (setting: TrustProxy) => useTrustProxy(express(), setting);

describe('the identity of a WebSocket upgrade', () => {
  const req = upgrade({
    origin: 'https://gov.example.cn',
    host: 'api.internal:4000',
    'x-forwarded-host': 'gov.example.cn, other.example',
    'x-forwarded-for': '6.6.6.6, 203.0.113.7',
  });

  it('starts signed out, with the origin, host and address read as on HTTP', () => {
    for (const trustProxy of [false, 1] as const) {
      assert.deepEqual(identityOfUpgrade(req, addressOf(trustProxy)), {
        origin: 'https://gov.example.cn',
        host: 'api.internal:4000',
        clientAddress: addressOf(trustProxy)(req),
        viewer: null,
        portal: null,
        tokenExpiresAt: null,
      });
    }
  });

  it('honours X-Forwarded-For only behind a trusted proxy, taking the entry our proxy appended', () => {
    assert.equal(identityOfUpgrade(req, addressOf(false)).clientAddress, '10.0.0.1');
    assert.equal(identityOfUpgrade(req, addressOf(1)).clientAddress, '203.0.113.7');
    // The host is what the request says; nothing is decided by it (own origins come from PUBLIC_URL).
    assert.equal(identityOfUpgrade(req, addressOf(1)).host, 'api.internal:4000');
    assert.equal(identityOfUpgrade(upgrade({ origin: ['https://a.example', 'https://b.example'] }), addressOf(1)).origin, 'https://a.example');
  });
});
