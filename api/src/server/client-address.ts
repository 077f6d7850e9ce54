/**
 * The caller's address, decided in one place for HTTP requests and WebSocket
 * upgrades alike: Express's `trust proxy` (TRUST_PROXY) names the proxies
 * whose X-Forwarded-For entries count; every entry left of the first
 * untrusted hop is whatever the client chose to send, and never counts.
 */
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config';

/** The client address of a request (an Express request or a bare upgrade request). */
export type ClientAddressOf = (req: IncomingMessage) => string;

/** Longer "addresses" come from a forged header (proxy-addr does not parse entries), not from a network. */
const ADDRESS_MAX = 64;

/**
 * Sets the app's `trust proxy` and returns the one function that answers
 * "who is calling" — the same as Express's `req.ip` — for HTTP and WebSocket.
 */
export function useTrustProxy(app: Express, setting: TrustProxy): ClientAddressOf {
  app.set('trust proxy', setting);
  const trust = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  return (req) => {
    if (!req.socket.remoteAddress) return 'unknown';
    const address = proxyaddr(req, trust);
    return address && address.length <= ADDRESS_MAX ? address : (req.socket.remoteAddress ?? 'unknown');
  };
}

/** Whether a peer is one of our trusted proxies (after {@link useTrustProxy}): its connections carry many clients. */
export function isTrustedProxyOf(app: Express): (address: string) => boolean {
  const trust = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  return (address) => trust(address, 0);
}

/** The host a request was sent to, as Express's `req.host` tells it: X-Forwarded-Host only from a trusted proxy. */
export function requestHostOf(isTrustedProxy: (address: string) => boolean): (req: IncomingMessage) => string | null {
  return (req) => {
    const forwarded = req.headers['x-forwarded-host'];
    if (typeof forwarded === 'string' && forwarded && isTrustedProxy(req.socket.remoteAddress ?? '')) {
      const comma = forwarded.indexOf(',');
      return comma === -1 ? forwarded : forwarded.slice(0, comma).trimEnd();
    }
    return req.headers.host || null;
  };
}
