/**
 * Subscription fan-out: thousands of graphql-ws subscribers (public trackers of
 * one issue and staff feeds of one grid) on one or two replicas, one event,
 * and how long each subscriber waits for it; plus the server memory each idle
 * subscription holds. Speaks the graphql-transport-ws protocol directly over
 * `ws`, one socket per subscriber, as browsers would.
 */
import WebSocket from 'ws';
import { percentile } from './http-load';

export interface SubscriberSpec {
  connectionParams: Record<string, unknown>;
  query: string;
  variables: Record<string, unknown>;
  /** The subscription answers at once with a snapshot (issueTracked) before going live. */
  snapshotFirst: boolean;
}

export interface Subscriber {
  socket: WebSocket;
  /** performance.now() when the live event arrived. */
  receivedAt?: number;
  error?: string;
}

function open(wsUrl: string, spec: SubscriberSpec): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const sub: Subscriber = { socket };
    let ready = false;
    const timer = setTimeout(() => reject(new Error('subscriber not ready within 60 s')), 60_000);
    const markReady = () => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      resolve(sub);
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: spec.connectionParams })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: spec.query, variables: spec.variables } }));
        // A feed says nothing until an event: it is live once the server has had the subscribe message.
        if (!spec.snapshotFirst) setTimeout(markReady, 0);
      } else if (message.type === 'next') {
        if (!ready) markReady();
        else sub.receivedAt ??= performance.now();
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'error') {
        sub.error = JSON.stringify(message.payload).slice(0, 300);
        markReady();
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', (code, reason) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`closed ${code} ${String(reason)}`));
      }
    });
  });
}

/** Opens `count` subscribers, `batch` at a time (a browser crowd does not connect in one instant either). */
export async function openSubscribers(wsUrl: string, count: number, specFor: (i: number) => SubscriberSpec, batch = 250): Promise<Subscriber[]> {
  const out: Subscriber[] = [];
  for (let i = 0; i < count; i += batch) {
    const n = Math.min(batch, count - i);
    out.push(...(await Promise.all(Array.from({ length: n }, (_, k) => open(wsUrl, specFor(i + k))))));
  }
  const failed = out.filter((s) => s.error);
  if (failed.length) throw new Error(`${failed.length} subscriptions were refused, first: ${failed[0].error}`);
  return out;
}

export interface Delivery {
  delivered: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
}

/** Waits until every subscriber has the event (or `timeoutMs`), and the delays from `sentAt`. */
export async function awaitDelivery(subscribers: Subscriber[], sentAt: number, timeoutMs = 30_000): Promise<Delivery> {
  const deadline = performance.now() + timeoutMs;
  while (subscribers.some((s) => s.receivedAt === undefined) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const delays = subscribers.flatMap((s) => (s.receivedAt === undefined ? [] : [s.receivedAt - sentAt])).sort((a, b) => a - b);
  return {
    delivered: delays.length,
    missing: subscribers.length - delays.length,
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    max: delays.at(-1) ?? NaN,
  };
}

export async function closeAll(subscribers: Subscriber[]): Promise<void> {
  await Promise.all(
    subscribers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.socket.readyState === WebSocket.CLOSED) return resolve();
          s.socket.once('close', () => resolve());
          s.socket.close(1000);
          setTimeout(() => {
            s.socket.terminate();
            resolve();
          }, 5000).unref();
        }),
    ),
  );
}
