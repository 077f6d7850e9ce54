/**
 * Wake-ups between replicas: "events were committed, read the timeline". The
 * events themselves never travel through Redis (the database holds them), so
 * a lost message costs latency, never an event; each replica's safety poll
 * catches up. Without Redis the bus is silent and the replica serves its own
 * subscribers. When Redis goes away the replica keeps serving, reconnects by
 * itself, and buffers nothing: a wake-up that cannot be sent is dropped.
 */
import { randomUUID } from 'node:crypto';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../../server/logger';

export interface WakeupBus {
  /** Tells the other replicas that events were committed here. */
  announce(): void;
  close(): Promise<void>;
}

export interface WakeupBusOptions {
  redisUrl?: string;
  /** Prefix of the channel name (REDIS_PREFIX). */
  prefix: string;
  logger: Logger;
  /** Called when another replica announced commits, or when Redis comes back (wake-ups may have been lost). */
  onWake: () => void;
}

export function createWakeupBus(options: WakeupBusOptions): WakeupBus {
  if (!options.redisUrl) return { announce() {}, close: async () => {} };
  return new RedisWakeupBus(options.redisUrl, options);
}

const LOG_INTERVAL_MS = 30_000;
const CLOSE_WAIT_MS = 1_000;

class RedisWakeupBus implements WakeupBus {
  /** Our own announcements come back to us; the local tail was already woken. */
  private readonly replicaId = randomUUID();
  private readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private publishing = false;
  private publishAgain = false;
  private readonly lastLogged = new Map<string, number>();

  constructor(url: string, private readonly options: WakeupBusOptions) {
    // ioredis (~50 modules) loads only when Redis is configured.
    const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
    this.channel = `${options.prefix}events:committed`;
    const common: RedisOptions = {
      lazyConnect: true,
      connectionName: `${options.prefix}realtime-${this.replicaId.slice(0, 8)}`,
      retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
    };
    // No offline queue for publishing: while Redis is away a wake-up fails at once instead of piling up.
    this.publisher = new RedisClient(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // The subscriber queues its one SUBSCRIBE until Redis is reachable, and re-subscribes after reconnects.
    this.subscriber = new RedisClient(url, { ...common, maxRetriesPerRequest: null });

    for (const [name, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (error: Error) => this.warn(name, error));
      client.connect().catch((error: Error) => this.warn(name, error));
    }
    this.subscriber.on('message', (_channel: string, sender: string) => {
      if (sender !== this.replicaId) options.onWake();
    });
    // Back after an outage: announcements made meanwhile were lost both ways, so look now and tell the others
    // to look, rather than waiting for the next poll.
    this.subscriber.on('ready', () => options.onWake());
    this.publisher.on('ready', () => this.announce());
    this.subscriber.subscribe(this.channel).catch((error: Error) => this.warn('subscriber', error));
  }

  announce(): void {
    // At most one PUBLISH in flight; commits meanwhile are covered by one more afterwards.
    if (this.publishing) {
      this.publishAgain = true;
      return;
    }
    this.publishing = true;
    this.publisher
      .publish(this.channel, this.replicaId)
      .catch((error: Error) => this.warn('publisher', error))
      .finally(() => {
        this.publishing = false;
        if (this.publishAgain) {
          this.publishAgain = false;
          this.announce();
        }
      });
  }

  private warn(client: string, error: Error): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(client) ?? 0) < LOG_INTERVAL_MS) return;
    this.lastLogged.set(client, now);
    this.options.logger.warn({ err: { message: error.message }, client }, 'realtime: Redis unavailable; serving local subscribers and polling');
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher, this.subscriber].map((client) => disconnect(client)));
  }
}

function disconnect(client: Redis): Promise<void> {
  if (client.status === 'end') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    client.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
    client.disconnect();
  });
}
