/**
 * How many connections one client, and everyone together, may hold open —
 * HTTP and WebSocket alike — and how long a request may take to arrive.
 *
 *  - Overall: MAX_CONNECTIONS sockets (Node's `server.maxConnections` drops
 *    the ones beyond it); WebSockets are sockets of the same server, so they
 *    count too.
 *  - Per address: MAX_CONNECTIONS_PER_ADDRESS sockets from one peer. Behind a
 *    trusted proxy the peer is the proxy, so there the cap counts WebSockets
 *    per client address (TRUST_PROXY's answer) instead; the proxy limits its
 *    own clients' HTTP connections.
 *  - A request's headers and body must arrive within REQUEST_TIMEOUT_SECONDS
 *    (headers within 20 s at most), far under Node's default of 300 s, so a
 *    body trickled in a byte at a time cannot hold a socket.
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClientAddressOf } from './client-address';
import type { Logger } from './logger';

export interface ConnectionCapOptions {
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Whether a peer is one of our proxies (TRUST_PROXY): its connections carry many clients. */
  isTrustedProxy: (address: string) => boolean;
  clientAddressOf: ClientAddressOf;
  logger: Logger;
}

/** Server options for `http.createServer`: timeouts well under Node's 300 s, checked every second. */
export function requestTimeouts(requestTimeoutSeconds: number): http.ServerOptions {
  const requestTimeout = requestTimeoutSeconds * 1000;
  return {
    requestTimeout,
    headersTimeout: Math.min(requestTimeout, 20_000),
    // Node checks these timeouts every 30 s by default: a slow body would live up to 30 s longer.
    connectionsCheckingInterval: Math.min(1_000, requestTimeout / 2),
  };
}

const TOO_MANY = 'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 10\r\nContent-Length: 0\r\n\r\n';

/** Counts open sockets per key; each socket is counted once and released when it closes. */
class OpenCounts {
  private readonly counts = new Map<string, number>();

  /** Adds the socket under `key` unless that key holds `max` already. */
  admit(key: string, socket: Duplex, max: number): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= max) return false;
    this.counts.set(key, count + 1);
    socket.once('close', () => {
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    });
    return true;
  }

  get size(): number {
    return this.counts.size;
  }
}

export class ConnectionCaps {
  private readonly sockets = new OpenCounts();
  private readonly webSockets = new OpenCounts();
  private lastWarned = 0;

  constructor(private readonly options: ConnectionCapOptions) {}

  /** Caps every socket the server accepts (call once, before listening). */
  attach(server: http.Server): void {
    server.maxConnections = this.options.maxConnections;
    server.on('connection', (socket: Socket) => {
      const peer = socket.remoteAddress;
      if (!peer || this.options.isTrustedProxy(peer)) return;
      if (!this.sockets.admit(peer, socket, this.options.maxConnectionsPerAddress)) this.refuse(socket, peer);
    });
  }

  /** Whether a WebSocket upgrade may go ahead (per client address, also behind a proxy). */
  admitUpgrade = (req: http.IncomingMessage, socket: Duplex): boolean => {
    const address = this.options.clientAddressOf(req);
    if (this.webSockets.admit(address, socket, this.options.maxConnectionsPerAddress)) return true;
    this.warn(address);
    return false;
  };

  private refuse(socket: Socket, address: string): void {
    this.warn(address);
    socket.end(TOO_MANY);
    socket.destroySoon?.();
  }

  private warn(address: string): void {
    if (Date.now() - this.lastWarned < 10_000) return;
    this.lastWarned = Date.now();
    this.options.logger.warn(
      { address, max: this.options.maxConnectionsPerAddress },
      'connection refused: too many open connections from one address (MAX_CONNECTIONS_PER_ADDRESS)',
    );
  }
}
