/** Staff session tokens: HS256 JWTs signed with JWT_SECRET, with an expiry. */
import type * as JoseModule from 'jose' with { 'resolution-mode': 'import' };

// jose is ESM-only; Node >= 20.19 loads it with require(), which keeps this module CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SignJWT, jwtVerify } = require('jose') as typeof JoseModule;

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  role: string;
}

export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: TokenClaims): Promise<string> {
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setIssuer('lastmeter')
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything forged, edited, unsigned or expired. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'lastmeter' });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') return null;
      return { sub: payload.sub, role: payload.role };
    } catch {
      return null;
    }
  }
}
