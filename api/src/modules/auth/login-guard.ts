/**
 * Slows password guessing: after too many failed sign-ins for one username or
 * from one address, refuse (RATE_LIMITED) until the window ends.
 *
 * Every attempt is counted before the password is checked, so a burst of
 * concurrent guesses cannot all slip through while the first ones are still
 * being verified; a successful sign-in then takes its count back.
 */
import { rateLimited } from '../../errors';
import type { Context } from '../../server/context';
import { RateLimiter } from '../../server/rate-limiter';

export class LoginGuard {
  private readonly byUsername: RateLimiter;
  private readonly byAddress: RateLimiter;

  constructor(maxFailures = 10, windowMs = 15 * 60 * 1000, now: () => number = Date.now) {
    this.byUsername = new RateLimiter(maxFailures, windowMs, now);
    this.byAddress = new RateLimiter(maxFailures * 3, windowMs, now);
  }

  async run<T>(ctx: Pick<Context, 'clientAddress'>, username: string, attempt: () => Promise<T>): Promise<T> {
    const userKey = username.toLowerCase().slice(0, 64);
    const wait = Math.max(this.byUsername.hit(userKey), this.byAddress.hit(ctx.clientAddress));
    if (wait > 0) throw rateLimited(`Too many failed sign-ins. Try again in ${wait} seconds.`, wait);
    const result = await attempt();
    this.byUsername.reset(userKey);
    this.byAddress.undo(ctx.clientAddress);
    return result;
  }
}
