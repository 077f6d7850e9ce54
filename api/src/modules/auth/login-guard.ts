/**
 * Slows password guessing without letting anyone lock staff out:
 *  - failures are counted per (username, client address): ten wrong passwords
 *    for `admin` from one address stop that address guessing `admin`, while
 *    `admin` still signs in from anywhere else;
 *  - failures per address (any usernames) stop one address spraying guesses;
 *  - an address that is blocked is refused before anything else is counted,
 *    so its refused attempts never count against the usernames it names.
 *
 * Every attempt is counted before the password is checked, so a burst of
 * concurrent guesses cannot all slip through while the first ones are still
 * being verified; a successful sign-in then takes its counts back.
 */
import { rateLimited } from '../../errors';
import type { Context } from '../../server/context';
import type { Limit, RateLimitStore } from '../../server/rate-limits';

/** Failures are forgotten this long after the first one of a window. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

export interface LoginGuardLimits {
  failuresPerAccount: number;
  failuresPerAddress: number;
  windowSeconds?: number;
}

export class LoginGuard {
  private readonly perAccount: Limit;
  private readonly perAddress: Limit;

  constructor(store: RateLimitStore, limits: LoginGuardLimits) {
    const windowSeconds = limits.windowSeconds ?? LOGIN_WINDOW_SECONDS;
    this.perAccount = store.limit({ name: 'login-account', points: limits.failuresPerAccount, windowSeconds });
    this.perAddress = store.limit({ name: 'login-address', points: limits.failuresPerAddress, windowSeconds });
  }

  async run<T>(ctx: Pick<Context, 'clientAddress'>, username: string, attempt: () => Promise<T>): Promise<T> {
    const address = ctx.clientAddress;
    const accountKey = `${username.toLowerCase().slice(0, 64)}|${address}`;
    const addressBlocked = await this.perAddress.blockedFor(address);
    if (addressBlocked > 0) throw tooMany(addressBlocked);
    const wait = Math.max(await this.perAddress.consume(address), await this.perAccount.consume(accountKey));
    if (wait > 0) throw tooMany(wait);
    const result = await attempt();
    await Promise.all([this.perAccount.reset(accountKey), this.perAddress.refund(address)]);
    return result;
  }
}

function tooMany(seconds: number) {
  return rateLimited(`Too many failed sign-ins. Try again in ${seconds} seconds.`, seconds);
}
