/** Slows password guessing: after too many failed sign-ins for one username or one address, refuse for a while. */
import { rateLimited } from '../../errors';
import type { Context } from '../../server/context';
import { RateLimiter } from '../../server/rate-limiter';

export class LoginGuard {
  private readonly byUsername: RateLimiter;
  private readonly byAddress: RateLimiter;

  constructor(maxFailures = 10, windowMs = 15 * 60 * 1000) {
    this.byUsername = new RateLimiter(maxFailures, windowMs);
    this.byAddress = new RateLimiter(maxFailures * 3, windowMs);
  }

  async run<T>(ctx: Context, username: string, attempt: () => Promise<T>): Promise<T> {
    const userKey = username.toLowerCase().slice(0, 64);
    const wait = Math.max(this.byUsername.blockedFor(userKey), this.byAddress.blockedFor(ctx.clientAddress));
    if (wait > 0) throw rateLimited(`Too many failed sign-ins. Try again in ${wait} seconds.`, wait);
    try {
      const result = await attempt();
      this.byUsername.reset(userKey);
      return result;
    } catch (error) {
      this.byUsername.hit(userKey);
      this.byAddress.hit(ctx.clientAddress);
      throw error;
    }
  }
}
