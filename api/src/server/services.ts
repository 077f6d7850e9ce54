/** The long-lived parts of a running API, created once at start and shared by every request. */
import type { Config } from '../config';
import type { Database } from '../db/orm';
import type { Clock } from '../domain/clock';
import type { LoginGuard } from '../modules/auth/login-guard';
import type { TokenService } from '../modules/auth/token';
import type { ReportRateLimits } from '../modules/portals/report-access';
import type { EventNotifier } from '../modules/realtime/event-notifier';
import type { Realtime } from '../modules/realtime/realtime.service';
import type { PortalOriginCache } from './cors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface AppServices {
  config: Config;
  db: Database;
  /** The time the services decide by (token expiry, overdue): the system clock, or a test's. */
  clock: Clock;
  tokens: TokenService;
  loginGuard: LoginGuard;
  logger: Logger;
  /** Call after committing a transaction that appended issue events. */
  events: EventNotifier;
  /** Live feeds (issueEvents, issueTracked) of this replica; also the `events` notifier. */
  realtime: Realtime;
  /** reportIssue limits per client address and per portal key. */
  reportLimits: ReportRateLimits;
  /** Every portal key's allowed origins (CORS); invalidate after creating a key. */
  portalOrigins: PortalOriginCache;
  /** Prometheus metrics of this server (GET /metrics); the realtime module counts published events here. */
  metrics: Metrics;
}
