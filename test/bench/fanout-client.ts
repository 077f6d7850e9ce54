/**
 * One process of the fan-out load generator: it holds its share of the
 * subscribers (one socket each, graphql-transport-ws spoken directly over
 * `ws`, as browsers would) and notes when the awaited event reaches each.
 * While messages pour in it only stamps their arrival (no parsing): a busy
 * client stamps late and would be measured instead of the server. Messages
 * are read afterwards, and only the one carrying the awaited event counts.
 * Driven by `fanout.ts` over IPC.
 */
import WebSocket from 'ws';
import type { ClientReply, ClientRequest, SubscriberGroup, SubscriberSpec } from './fanout';

interface Subscriber {
  socket: WebSocket;
  spec: SubscriberSpec;
  /** Messages since the subscription went live: arrival (ms since the epoch, sub-ms) and bytes, read later. */
  received: { at: number; data: WebSocket.RawData }[];
  /** How many of `received` were read and found not to be the awaited event. */
  checked: number;
  deliveredAt?: number;
  error?: string;
}

/** Comparable across processes on one machine (each process's own clock starts at its timeOrigin). */
const now = () => performance.timeOrigin + performance.now();
const subscribers: Subscriber[] = [];

function open(wsUrl: string, spec: SubscriberSpec): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const sub: Subscriber = { socket, spec, received: [], checked: 0 };
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
      // Live: stamp and keep the bytes, nothing else.
      if (ready) return void sub.received.push({ at: now(), data });
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: spec.query, variables: spec.variables } }));
        // A feed says nothing until an event: it is live once the server has had the subscribe message.
        if (!spec.snapshotFirst) setTimeout(markReady, 0);
      } else if (message.type === 'next') {
        markReady();
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

/** Whether `actual` has every field of `expected` (recursively) with the same value. */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return actual === expected;
  if (typeof actual !== 'object' || actual === null) return false;
  return Object.entries(expected).every(([key, value]) => contains((actual as Record<string, unknown>)[key], value));
}

/** Reads what arrived since the last look; true once the awaited event is among it. */
function findAwaited(sub: Subscriber): boolean {
  for (; sub.deliveredAt === undefined && sub.checked < sub.received.length; sub.checked++) {
    const { at, data } = sub.received[sub.checked];
    const message = JSON.parse(String(data)) as { type: string; payload?: { data?: unknown } };
    if (message.type === 'next' && contains(message.payload?.data, sub.spec.awaited)) sub.deliveredAt = at;
  }
  return sub.deliveredAt !== undefined;
}

/** Waits until every subscriber here has the awaited event, or the deadline; arrival times (null: missed). */
async function collect(deadline: number): Promise<(number | null)[]> {
  let pending = subscribers;
  let unread = -1;
  while (pending.length > 0 && now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    // Read messages only once every pending subscriber has one, or nothing came in for a while: not mid-delivery.
    const nowUnread = pending.reduce((n, s) => n + s.received.length - s.checked, 0);
    const quiet = nowUnread === unread;
    unread = nowUnread;
    if (quiet || pending.every((s) => s.received.length > s.checked)) {
      pending = pending.filter((s) => !findAwaited(s));
      unread = -1;
    }
  }
  return subscribers.map((s) => s.deliveredAt ?? null);
}

async function openGroups(wsUrl: string, groups: SubscriberGroup[], batch = 250): Promise<void> {
  const specs = groups.flatMap((g) => Array.from({ length: g.count }, () => g.spec));
  for (let i = 0; i < specs.length; i += batch) {
    subscribers.push(...(await Promise.all(specs.slice(i, i + batch).map((spec) => open(wsUrl, spec)))));
  }
  const failed = subscribers.filter((s) => s.error);
  if (failed.length) throw new Error(`${failed.length} subscriptions were refused, first: ${failed[0].error}`);
}

async function closeAll(): Promise<void> {
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
  subscribers.length = 0;
}

const reply = (message: ClientReply) => process.send!(message);

process.on('message', (request: ClientRequest) => {
  const run = async (): Promise<ClientReply> => {
    switch (request.type) {
      case 'open':
        await openGroups(request.wsUrl, request.groups);
        return { type: 'done', id: request.id };
      case 'reset':
        for (const s of subscribers) {
          s.received = [];
          s.checked = 0;
          s.deliveredAt = undefined;
        }
        return { type: 'done', id: request.id };
      case 'collect':
        return { type: 'arrivals', id: request.id, arrivals: await collect(request.deadline) };
      case 'close':
        await closeAll();
        return { type: 'done', id: request.id };
    }
  };
  run().then(reply, (error: Error) => reply({ type: 'failed', id: request.id, message: error.message }));
});
process.on('disconnect', () => process.exit(0));
