/**
 * A real HTTP receiver for outbound-delivery tests: records every request,
 * answers as the test scripts it (a status, or never), can be stopped and
 * started again on the same port, and checks Lastmeter's webhook signatures.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
  /** The status this receiver answered (null: it never answered). */
  answered: number | null;
  at: number;
}

/** What to answer to the n-th request (0-based): a status, a status with a JSON body, or 'hang' (never answer). */
export type Responder = (request: ReceivedRequest, n: number) => number | { status: number; json: unknown } | 'hang';

/** Checks `t=<seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` as a receiver would. */
export function verifySignature(secret: string, header: string | undefined, body: string, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  respond: Responder = () => 200;
  /** Answer this long after the request arrived (a slow receiver). */
  answerDelayMs = 0;
  /** Requests being answered right now, by X-Lastmeter-Delivery; the most seen at once for any one id. */
  private readonly inFlight = new Map<string, number>();
  maxConcurrentPerDelivery = 0;
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly hanging: http.ServerResponse[] = [];
  port = 0;
  /** Location of a 3xx answer. */
  redirectTo = 'http://127.0.0.1:9/elsewhere';

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          // Not JSON: kept as text.
        }
        const request: ReceivedRequest = { path: req.url ?? '', headers: req.headers, body, json, answered: null, at: Date.now() };
        const n = this.requests.push(request) - 1;
        const answer = this.respond(request, n);
        if (answer === 'hang') {
          this.hanging.push(res);
          return;
        }
        const { status, json: reply } = typeof answer === 'number' ? { status: answer, json: { ok: true } } : answer;
        const id = String(req.headers['x-lastmeter-delivery'] ?? '');
        const now = (this.inFlight.get(id) ?? 0) + 1;
        this.inFlight.set(id, now);
        this.maxConcurrentPerDelivery = Math.max(this.maxConcurrentPerDelivery, now);
        setTimeout(() => {
          this.inFlight.set(id, (this.inFlight.get(id) ?? 1) - 1);
          request.answered = status;
          res.writeHead(status, { 'content-type': 'application/json', ...(status >= 300 && status < 400 ? { location: this.redirectTo } : {}) });
          res.end(JSON.stringify(reply));
        }, this.answerDelayMs);
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening and cuts every open connection (a receiver that went away). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.hanging.length = 0;
    await closed;
  }

  /** Requests answered with 2xx. */
  get accepted(): ReceivedRequest[] {
    return this.requests.filter((r) => r.answered !== null && r.answered >= 200 && r.answered < 300);
  }

  /** Resolves when `check` holds (polled), or fails after `timeoutMs` with `what`. */
  async waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received ${this.requests.length} requests`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
