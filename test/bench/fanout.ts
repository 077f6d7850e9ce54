/**
 * Subscription fan-out: thousands of graphql-ws subscribers (public trackers of
 * one issue and staff feeds of one grid) on one or two replicas, one event,
 * and how long each subscriber waits for it; plus the server memory each idle
 * subscription holds.
 *
 * The subscribers live in a few client processes (`fanout-client.ts`): one
 * process receiving 10,000 messages while two replicas send them falls behind
 * and would be measured instead of the servers. Times are wall-clock
 * milliseconds (comparable across the processes of one machine).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { percentile } from './http-load';

export interface SubscriberSpec {
  connectionParams: Record<string, unknown>;
  query: string;
  variables: Record<string, unknown>;
  /** The subscription answers at once with a snapshot (issueTracked) before going live. */
  snapshotFirst: boolean;
  /** Fields (nested) that the `data` of the awaited event's message has. */
  awaited: Record<string, unknown>;
}

export interface SubscriberGroup {
  spec: SubscriberSpec;
  count: number;
}

export type ClientRequest =
  | { type: 'open'; id: number; wsUrl: string; groups: SubscriberGroup[] }
  | { type: 'reset'; id: number }
  | { type: 'collect'; id: number; deadline: number }
  | { type: 'close'; id: number };

export type ClientReply =
  | { type: 'done'; id: number }
  | { type: 'arrivals'; id: number; arrivals: (number | null)[] }
  | { type: 'failed'; id: number; message: string };

export interface Delivery {
  delivered: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
}

const ROOT = path.resolve(__dirname, '../..');
/** Comparable across processes on one machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

let nextRequest = 1;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

class ClientProcess {
  private readonly process: ChildProcess;
  private readonly pending = new Map<number, { resolve: (reply: ClientReply) => void; reject: (error: Error) => void }>();

  constructor() {
    this.process = fork(path.join(ROOT, 'api/scripts/run-ts.js'), [path.join(__dirname, 'fanout-client.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (reply: ClientReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.type === 'failed') waiter?.reject(new Error(reply.message));
      else waiter?.resolve(reply);
    });
    this.process.once('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`fan-out client exited (${code})`));
      this.pending.clear();
    });
  }

  request(request: WithoutId<ClientRequest>): Promise<ClientReply> {
    const id = nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.process.send({ ...request, id });
    });
  }

  stop(): void {
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Subscribers spread over client processes; open them with {@link SubscriberCrowd.open}. */
export class SubscriberCrowd {
  private constructor(
    private readonly clients: ClientProcess[],
    readonly size: number,
  ) {}

  /**
   * Opens `count` subscribers on `wsUrl` (spec `specFor(i)` for the i-th), dealt round-robin over
   * `processes` client processes, 250 at a time in each (a browser crowd does not connect in one instant either).
   */
  static async open(wsUrl: string, count: number, specFor: (i: number) => SubscriberSpec, processes: number): Promise<SubscriberCrowd> {
    const clients = Array.from({ length: Math.max(1, Math.min(processes, count)) }, () => new ClientProcess());
    const crowd = new SubscriberCrowd(clients, count);
    try {
      await Promise.all(
        clients.map((client, c) => {
          const groups: SubscriberGroup[] = [];
          for (let i = c; i < count; i += clients.length) {
            const spec = specFor(i);
            const last = groups.at(-1);
            if (last?.spec === spec) last.count++;
            else groups.push({ spec, count: 1 });
          }
          return client.request({ type: 'open', wsUrl, groups });
        }),
      );
    } catch (error) {
      await crowd.close();
      throw error;
    }
    return crowd;
  }

  /** Forgets what arrived so far: the next {@link awaitDelivery} looks only at later messages. */
  async reset(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.request({ type: 'reset' })));
  }

  /** Waits until every subscriber has the awaited event (or `timeoutMs`): when each got it (see {@link wallNow}; null: missed). */
  async awaitArrivals(timeoutMs = 30_000): Promise<(number | null)[]> {
    const deadline = wallNow() + timeoutMs;
    const replies = await Promise.all(this.clients.map((client) => client.request({ type: 'collect', deadline })));
    return replies.flatMap((reply) => (reply.type === 'arrivals' ? reply.arrivals : []));
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.request({ type: 'close' }).catch(() => undefined)));
    for (const client of this.clients) client.stop();
  }
}

/** Delays from `sentAt` of the arrivals (null: missed). */
export function deliveryOf(arrivals: (number | null)[], sentAt: number): Delivery {
  const delays = arrivals.flatMap((at) => (at === null ? [] : [at - sentAt])).sort((a, b) => a - b);
  return {
    delivered: delays.length,
    missing: arrivals.length - delays.length,
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    max: delays.at(-1) ?? NaN,
  };
}
