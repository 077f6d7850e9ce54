/** Staff session tokens: HS256 JWTs signed with JWT_SECRET, with an expiry. */
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };
import { LRUCache } from 'lru-cache';
import { systemClock, type Clock } from '../../domain/clock';

// jose is ESM-only; Node >= 20.19 loads it with require(), which keeps this module CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SignJWT, jwtVerify } = require('jose') as typeof JoseModule;

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  role: string;
}

/** The claims of a verified token and when it expires (ms since the epoch), read from the one verification. */
export interface VerifiedToken extends TokenClaims {
  expiresAt: number;
}

export interface TokenServiceOptions {
  /** Verified tokens remembered at most (least recently used first out). */
  cacheSize?: number;
  /** The clock, in ms since the epoch (tests move it); wins over `clock`. */
  now?: () => number;
  /** The application's clock (StartOptions.clock → AppServices.clock); the system clock by default. */
  clock?: Clock;
}

export class TokenService {
  private readonly key: Uint8Array;
  private readonly now: () => number;
  /**
   * Verified tokens, so a client's every request does not re-run HMAC and claim
   * checks. A token's validity depends only on its text, the secret and the
   * clock: an entry is handed out only until its token expires.
   */
  private readonly verified: LRUCache<string, VerifiedToken>;

  constructor(secret: string, private readonly ttlSeconds: number, options: TokenServiceOptions = {}) {
    this.key = new TextEncoder().encode(secret);
    const clock = options.clock ?? systemClock;
    this.now = options.now ?? (() => clock.now().getTime());
    this.verified = new LRUCache({ max: options.cacheSize ?? 10_000 });
  }

  sign(claims: TokenClaims): Promise<string> {
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt(issuedAt)
      .setIssuer('lastmeter')
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  /** The claims and expiry of a valid token, or null for anything forged, edited, unsigned or expired. */
  async verify(token: string): Promise<VerifiedToken | null> {
    const known = this.verified.get(token);
    if (known) {
      // Checked here, to the millisecond, rather than by the cache's own TTL clock (a monotonic one, not `exp`'s).
      if (known.expiresAt > this.now()) return known;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'lastmeter', currentDate: new Date(this.now()) });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string' || typeof payload.exp !== 'number') return null;
      const verified: VerifiedToken = { sub: payload.sub, role: payload.role, expiresAt: payload.exp * 1000 };
      this.verified.set(token, verified);
      return verified;
    } catch {
      return null;
    }
  }

  /** Verified tokens remembered now (an expired one counts until it is looked up or pushed out). */
  get cachedCount(): number {
    return this.verified.size;
  }
}
