/**
 * Counters for the abuse limits (sign-in guard, report limits), by
 * rate-limiter-flexible: in memory on one replica, and in Redis when
 * REDIS_URL is set, so every replica counts against the same limits.
 *
 * While Redis is away each replica falls back to counting in its own memory
 * (the library's insurance limiter), so a Redis outage never opens the gates
 * nor refuses everyone.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from './logger';

export interface LimitSpec {
  /** Part of the Redis key: one name per limit. */
  name: string;
  /** Hits allowed per window. */
  points: number;
  windowSeconds: number;
}

/** One limit, keyed by whatever it counts (an address, a portal key…). */
export class Limit {
  constructor(
    readonly spec: LimitSpec,
    private readonly limiter: RateLimiterAbstract,
  ) {}

  /** Counts `points` hits; 0 when allowed, else the whole seconds until the window ends. */
  async consume(key: string, points = 1): Promise<number> {
    try {
      await this.limiter.consume(key, points);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  /** Seconds until allowed again, without counting a hit (0 when allowed now). */
  async blockedFor(key: string): Promise<number> {
    const state = await this.limiter.get(key);
    if (!state || state.consumedPoints < this.spec.points) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  /** Takes back hits counted up front for something that turned out not to count. */
  async refund(key: string, points = 1): Promise<void> {
    await this.limiter.reward(key, points);
  }

  /** Forgets the key's hits (e.g. failures after a successful sign-in). */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

export interface RateLimitStoreOptions {
  redisUrl?: string;
  /** REDIS_PREFIX: keys are `<prefix>limit:<name>:<key>`. */
  prefix: string;
  logger: Logger;
}

/** Makes the limits of one server and owns their Redis connection. */
export class RateLimitStore {
  private readonly redis: Redis | undefined;

  constructor(private readonly options: RateLimitStoreOptions) {
    if (options.redisUrl) {
      const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
      // No offline queue: while Redis is away a count fails at once and the in-memory insurance answers.
      this.redis = new RedisClient(options.redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectionName: `${options.prefix}limits`,
        retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
      });
      let warned = 0;
      this.redis.on('error', (error: Error) => {
        if (Date.now() - warned < 30_000) return;
        warned = Date.now();
        options.logger.warn({ err: { message: error.message } }, 'rate limits: Redis unavailable; counting on this replica meanwhile');
      });
      this.redis.connect().catch(() => undefined);
    }
  }

  /** Whether the counts are shared through Redis. */
  get shared(): boolean {
    return this.redis !== undefined;
  }

  limit(spec: LimitSpec): Limit {
    const base = { points: spec.points, duration: spec.windowSeconds };
    const memory = new RateLimiterMemory({ ...base, keyPrefix: spec.name });
    if (!this.redis) return new Limit(spec, memory);
    const redis = new RateLimiterRedis({
      ...base,
      storeClient: this.redis,
      keyPrefix: `${this.options.prefix}limit:${spec.name}`,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
    return new Limit(spec, redis);
  }

  async close(): Promise<void> {
    if (this.redis && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis!.disconnect());
  }
}
