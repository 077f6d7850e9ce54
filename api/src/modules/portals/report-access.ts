/**
 * Who may report an issue, and under which idempotency scope (a key is unique
 * within its scope, so two portals can never collide on a key):
 *  - a widget with a valid portal key (already checked against its Origin) → `portal:<id>`;
 *  - staff with a token → `user:<id>`;
 *  - the demo portal page served by this API (only where the demo is on), recognised
 *    by an Origin that is this server's own (PUBLIC_URL; outside production also the
 *    address it listens on) → `origin:<client address>`. The Host header plays no
 *    part: the client writes it, and a DNS-rebinding page would pass such a test.
 * Everyone else is FORBIDDEN.
 *
 * Public reports are limited per client address (REPORT_RATE_LIMIT a minute,
 * whatever key or page it uses) and per portal key overall (REPORT_KEY_RATE_LIMIT,
 * much higher, so one address cannot use up a portal's minute for every resident).
 * Only accepted reports count: invalid ones are refused before counting, and a
 * report that fails or turns out to be a retry of a stored one gives its count back.
 */
import { runSql, sql } from '../../db/sql';
import { forbidden, rateLimited } from '../../errors';
import type { Context } from '../../server/context';
import type { Limit, RateLimitStore } from '../../server/rate-limits';

/**
 * This server's own origins: PUBLIC_URL's, and outside production the one it
 * listens on (known once listening). In production without PUBLIC_URL, none.
 */
export class OwnOrigins {
  private readonly origins = new Set<string>();

  constructor(publicOrigin: string | undefined) {
    if (publicOrigin) this.origins.add(publicOrigin);
  }

  /** Outside production: the address the server listens on (e.g. http://127.0.0.1:4000, and localhost beside 127.0.0.1). */
  addListening(url: string): void {
    const origin = new URL(url).origin;
    this.origins.add(origin);
    const local = new URL(origin);
    if (local.hostname === '127.0.0.1' || local.hostname === '[::1]') {
      local.hostname = 'localhost';
      this.origins.add(local.origin);
    }
  }

  has(origin: string | null | undefined): boolean {
    return !!origin && this.origins.has(origin);
  }
}

/** The report limits of one server (shared across replicas through Redis when REDIS_URL is set). */
export class ReportRateLimits {
  readonly byAddress: Limit;
  readonly byPortal: Limit;

  constructor(store: RateLimitStore, perAddressPerMinute: number, perKeyPerMinute: number) {
    this.byAddress = store.limit({ name: 'report-address', points: perAddressPerMinute, windowSeconds: 60 });
    this.byPortal = store.limit({ name: 'report-key', points: perKeyPerMinute, windowSeconds: 60 });
  }
}

/** Longest idempotency key a report may carry (report-input.ts refuses longer ones anyway). */
const IDEMPOTENCY_KEY_MAX = 200;

/** Is this a retry of a report already stored (same caller scope, same idempotency key)? It would create nothing. */
async function isReplay(ctx: Context, scope: string, idempotencyKey: string | null | undefined): Promise<boolean> {
  const key = idempotencyKey?.trim();
  if (!key || key.length > IDEMPOTENCY_KEY_MAX) return false;
  const rows = await runSql(
    ctx.em,
    sql.query`select 1 from issue where idempotency_scope = ${sql.value(scope)} and idempotency_key = ${sql.value(key)} limit 1`,
  );
  return rows.length > 0;
}

/** The counts one report took, to give back if it does not count after all. */
type Taken = Array<[Limit, string]>;

/**
 * Counts one public report against the limits, or throws RATE_LIMITED with
 * `retryAfterSeconds`. Staff (signed in, accountable, often many behind one
 * office address) are not limited. Over the limit, a retry of a report that
 * is already stored still gets its answer: it creates nothing, and refusing
 * it would only make a widget's safe resubmission look like a failure.
 */
async function takeReportCounts(ctx: Context, scope: string, idempotencyKey: string | null | undefined): Promise<Taken> {
  if (ctx.viewer) return [];
  const limits = ctx.app.reportLimits;
  const wanted: Taken = [[limits.byAddress, ctx.clientAddress]];
  if (ctx.portal) wanted.push([limits.byPortal, ctx.portal.id]);
  const taken: Taken = [];
  let retryAfter = 0;
  for (const [limit, key] of wanted) {
    const wait = await limit.consume(key);
    if (wait === 0) taken.push([limit, key]);
    retryAfter = Math.max(retryAfter, wait);
  }
  if (retryAfter === 0) return taken;
  await giveBack(taken);
  if (await isReplay(ctx, scope, idempotencyKey)) return [];
  const { reportRateLimit, reportKeyRateLimit } = ctx.app.config;
  throw rateLimited(
    `Too many reports (at most ${reportRateLimit} a minute from one address, ${reportKeyRateLimit} through one portal key). Try again in ${retryAfter} seconds.`,
    retryAfter,
  );
}

async function giveBack(taken: Taken): Promise<void> {
  await Promise.all(taken.map(([limit, key]) => limit.refund(key)));
}

/**
 * Runs `submit` for an allowed report: FORBIDDEN when there is no way to
 * report, RATE_LIMITED over the limits. `submit` gets the caller's
 * idempotency scope and says whether it created a report; a report that
 * failed or was a retry gives its counts back.
 */
export async function withReportAccess<T extends { created: boolean }>(
  ctx: Context,
  idempotencyKey: string | null | undefined,
  submit: (scope: string) => Promise<T>,
): Promise<T> {
  const scope = reportScope(ctx);
  const taken = await takeReportCounts(ctx, scope, idempotencyKey);
  let result: T;
  try {
    result = await submit(scope);
  } catch (error) {
    await giveBack(taken);
    throw error;
  }
  if (!result.created) await giveBack(taken);
  return result;
}

function reportScope(ctx: Context): string {
  if (ctx.portal) return `portal:${ctx.portal.id}`;
  if (ctx.viewer) return `user:${ctx.viewer.userId}`;
  if (ctx.app.config.seedDemo && ctx.app.ownOrigins.has(ctx.origin)) return `origin:${ctx.clientAddress}`;
  throw forbidden('Reporting an issue needs a portal key (header X-Portal-Key), a staff token, or the demo portal page served by this API.');
}
