/**
 * A small graphql-transport-ws client for tests: it exposes what the real
 * client hides (close codes, the exact order of messages) and is light enough
 * to open a thousand sockets in one process.
 */
import WebSocket from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

export interface SocketOptions {
  /** connection_init payload (authorization, portalKey). */
  params?: Record<string, unknown>;
  /** The Origin header of the upgrade request, as a browser sends it. */
  origin?: string;
  /** Reject if no connection_ack arrives in time. */
  timeoutMs?: number;
}

type Message = { id?: string; type: string; payload?: any };

/** Messages of one subscription: `next` payloads in order, then `complete` or `error`. */
export class LiveSubscription {
  readonly results: any[] = [];
  errors: any[] | undefined;
  completed = false;
  private waiters: (() => void)[] = [];

  constructor(
    readonly id: string,
    private readonly socket: GraphQLSocket,
  ) {}

  /** @internal */
  receive(message: Message): void {
    if (message.type === 'next') this.results.push(message.payload);
    else if (message.type === 'error') this.errors = message.payload;
    else if (message.type === 'complete') this.completed = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  get ended(): boolean {
    return this.completed || this.errors !== undefined || this.socket.isClosed;
  }

  /** Waits until `predicate` holds (checked after every message), failing after `timeoutMs`. */
  async until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (this.ended && !predicate()) {
        throw new Error(`subscription ${this.id} ended before ${what}: ${JSON.stringify({ errors: this.errors, results: this.results.length })}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (have ${this.results.length} results)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for at least `count` results; returns them all. */
  async waitForResults(count: number, timeoutMs = 10_000): Promise<any[]> {
    await this.until(() => this.results.length >= count, timeoutMs, `${count} results`);
    return this.results;
  }

  /** Waits for the stream to end (complete or error). */
  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    await this.until(() => this.completed || this.errors !== undefined, timeoutMs, 'the end of the stream');
  }

  /** Stops the subscription (a `complete` from the client). */
  complete(): void {
    this.socket.send({ id: this.id, type: 'complete' });
  }
}

export class GraphQLSocket {
  private readonly subscriptions = new Map<string, LiveSubscription>();
  private nextId = 1;
  private closedWith: Closed | undefined;
  readonly closed: Promise<Closed>;

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        for (const sub of this.subscriptions.values()) sub.receive({ type: 'closed' });
        resolve(this.closedWith);
      });
    });
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Message;
      if (message.type === 'ping') this.send({ type: 'pong' });
      if (message.id) this.subscriptions.get(message.id)?.receive(message);
    });
  }

  /** Opens a socket to `url` (http:// or ws://, path /graphql) and sends connection_init; resolves on connection_ack. */
  static open(url: string, options: SocketOptions = {}): Promise<GraphQLSocket> {
    const wsUrl = url.replace(/^http/, 'ws');
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws', { headers: options.origin ? { origin: options.origin } : {} });
    const socket = new GraphQLSocket(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('no connection_ack in time'));
      }, options.timeoutMs ?? 10_000);
      ws.on('error', () => undefined); // a refused socket closes; its close code is what tests look at
      ws.once('open', () => socket.send({ type: 'connection_init', payload: options.params ?? {} }));
      const onAck = (data: WebSocket.RawData) => {
        if (JSON.parse(String(data)).type !== 'connection_ack') return;
        ws.off('message', onAck);
        clearTimeout(timer);
        resolve(socket);
      };
      ws.on('message', onAck);
      void socket.closed.then((closed) => {
        clearTimeout(timer);
        reject(Object.assign(new Error(`closed ${closed.code}: ${closed.reason}`), closed));
      });
    });
  }

  get isClosed(): boolean {
    return this.closedWith !== undefined;
  }

  /** @internal */
  send(message: Message): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  subscribe(query: string, variables?: Record<string, unknown>, operationName?: string): LiveSubscription {
    const id = String(this.nextId++);
    const sub = new LiveSubscription(id, this);
    this.subscriptions.set(id, sub);
    this.send({ id, type: 'subscribe', payload: { query, variables, operationName } });
    return sub;
  }

  /** Closes normally and waits for the close to complete. */
  async close(): Promise<Closed> {
    if (!this.closedWith) this.ws.close(1000);
    return this.closed;
  }

  /** Cuts the connection without a close handshake (a dropped network). */
  terminate(): void {
    this.ws.terminate();
  }
}
