/**
 * Who may report an issue, and under which idempotency scope (a key is unique
 * within its scope, so two portals can never collide on a key):
 *  - a widget with a valid portal key (already checked against its Origin) → `portal:<id>`;
 *  - staff with a token → `user:<id>`;
 *  - a browser page served by this API itself (the demo portal), recognised
 *    by an Origin whose host is the request's own Host → `origin:<client address>`.
 * Everyone else is FORBIDDEN. Public reports are rate-limited (see enforceReportRateLimit).
 */
import { forbidden, rateLimited } from '../../errors';
import type { Context } from '../../server/context';
import { RateLimiter } from '../../server/rate-limiter';

/** Does the browser's Origin name this very server (the Host the request was sent to)? */
export function isOwnOrigin(origin: string | null, host: string | null | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * REPORT_RATE_LIMIT reports per minute per client address and per portal key,
 * shared by every request of one replica (each replica counts on its own).
 */
export class ReportRateLimits {
  readonly byAddress: RateLimiter;
  readonly byPortal: RateLimiter;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.byAddress = new RateLimiter(perMinute, 60_000, now);
    this.byPortal = new RateLimiter(perMinute, 60_000, now);
  }
}

/** Longest idempotency key a report may carry (report-input.ts refuses longer ones anyway). */
const IDEMPOTENCY_KEY_MAX = 200;

/** Is this a retry of a report already stored (same caller scope, same idempotency key)? It would create nothing. */
async function isReplay(ctx: Context, scope: string, idempotencyKey: string | null | undefined): Promise<boolean> {
  const key = idempotencyKey?.trim();
  if (!key || key.length > IDEMPOTENCY_KEY_MAX) return false;
  const rows = await ctx.em
    .getConnection()
    .execute<unknown[]>('select 1 from issue where idempotency_scope = ? and idempotency_key = ? limit 1', [scope, key]);
  return rows.length > 0;
}

/**
 * Counts one public report against the limits, or throws RATE_LIMITED with
 * `retryAfterSeconds`. Staff (signed in, accountable, often many behind one
 * office address) are not limited. Over the limit, a retry of a report that
 * is already stored still gets its answer: it creates nothing, and refusing
 * it would only make a widget's safe resubmission look like a failure.
 */
async function enforceReportRateLimit(ctx: Context, scope: string, idempotencyKey: string | null | undefined): Promise<void> {
  if (ctx.viewer) return;
  const limits = ctx.app.reportLimits;
  const retryAfter = Math.max(limits.byAddress.hit(ctx.clientAddress), ctx.portal ? limits.byPortal.hit(ctx.portal.id) : 0);
  if (retryAfter === 0) return;
  if (await isReplay(ctx, scope, idempotencyKey)) return;
  throw rateLimited(
    `Too many reports (at most ${ctx.app.config.reportRateLimit} a minute from one address or one portal key). Try again in ${retryAfter} seconds.`,
    retryAfter,
  );
}

/**
 * Allows the report or throws FORBIDDEN (no way to report) or RATE_LIMITED;
 * returns the idempotency scope of the caller. Pass the report's
 * idempotencyKey so a retry of a stored report is never refused.
 */
export async function authorizeReport(ctx: Context, idempotencyKey?: string | null): Promise<string> {
  const scope = reportScope(ctx);
  await enforceReportRateLimit(ctx, scope, idempotencyKey);
  return scope;
}

function reportScope(ctx: Context): string {
  if (ctx.portal) return `portal:${ctx.portal.id}`;
  if (ctx.viewer) return `user:${ctx.viewer.userId}`;
  if (isOwnOrigin(ctx.origin, ctx.host)) return `origin:${ctx.clientAddress}`;
  throw forbidden('Reporting an issue needs a portal key (header X-Portal-Key), a staff token, or the portal page served by this API.');
}
