/** Staff session tokens: HS256 JWTs signed with JWT_SECRET, with an expiry. */
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };
import { systemClock, type Clock } from '../../domain/clock';

// jose is ESM-only; Node >= 20.19 loads it with require(), which keeps this module CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SignJWT, jwtVerify } = require('jose') as typeof JoseModule;

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  role: string;
}

/** Verified tokens remembered, so a client's every request does not re-run HMAC and claim checks. */
const VERIFIED_CACHE_SIZE = 10_000;

export class TokenService {
  private readonly key: Uint8Array;
  /** token → its claims and expiry (ms); a token's validity depends only on its text, the secret and the clock. */
  private readonly verified = new Map<string, { claims: TokenClaims; expiresAt: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: TokenClaims): Promise<string> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt(issuedAt)
      .setIssuer('lastmeter')
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything forged, edited, unsigned or expired. */
  async verify(token: string): Promise<TokenClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > this.clock.now().getTime()) return known.claims;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'lastmeter', currentDate: this.clock.now() });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string' || typeof payload.exp !== 'number') return null;
      const claims = { sub: payload.sub, role: payload.role };
      // Oldest first out: a Map iterates in insertion order.
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { claims, expiresAt: payload.exp * 1000 });
      return claims;
    } catch {
      return null;
    }
  }
}
