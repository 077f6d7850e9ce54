/** The long-lived parts of a running API, created once at start and shared by every request. */
import type { Config } from '../config';
import type { Database } from '../db/orm';
import type { Clock } from '../domain/clock';
import type { LoginGuard } from '../modules/auth/login-guard';
import type { RecentViewers } from '../modules/auth/viewer-check';
import type { TokenService } from '../modules/auth/token';
import type { OwnOrigins, ReportRateLimits } from '../modules/portals/report-access';
import type { OutboundWorker } from '../modules/outbound/outbound-worker';
import type { EventNotifier } from '../modules/realtime/event-notifier';
import type { Realtime } from '../modules/realtime/realtime.service';
import type { TrackedIssueCache } from '../modules/tracking/tracked-issue-cache';
import type { ClientAddressOf } from './client-address';
import type { PortalOriginCache } from './cors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { RateLimitStore } from './rate-limits';
import type { PhotoLinks } from '../modules/photos/photo-links';
import type { PhotoServices } from '../modules/photos/photo.service';

export interface AppServices {
  config: Config;
  db: Database;
  /** The time the services decide by (token expiry, overdue): the system clock, or a test's. */
  clock: Clock;
  tokens: TokenService;
  /** Staff users as last read, for the direct path's viewer check (modules/auth/viewer-check.ts). */
  recentViewers: RecentViewers;
  /** trackIssue's answers while nothing changed (modules/tracking/tracked-issue-cache.ts): clear after a write. */
  trackedIssues: TrackedIssueCache;
  loginGuard: LoginGuard;
  logger: Logger;
  /** Call after committing a transaction that appended issue events. */
  events: EventNotifier;
  /** Live feeds (issueEvents, issueTracked) of this replica; also the `events` notifier. */
  realtime: Realtime;
  /** reportIssue limits per client address and per portal key. */
  reportLimits: ReportRateLimits;
  /** Where the abuse limits count (Redis with REDIS_URL, else this process). */
  rateLimits: RateLimitStore;
  /** The caller's address by TRUST_PROXY, for HTTP and WebSocket alike. */
  clientAddressOf: ClientAddressOf;
  /** This server's own origins (PUBLIC_URL; outside production also where it listens). */
  ownOrigins: OwnOrigins;
  /** Every portal key's allowed origins (CORS); invalidate after creating a key. */
  portalOrigins: PortalOriginCache;
  /** Prometheus metrics of this server (GET /metrics); the realtime module counts published events here. */
  metrics: Metrics;
  /** Webhook and SMS delivery of this replica (set once the server listens); `wake()` after queueing work. */
  outbound?: OutboundWorker;
  /** Evidence photos: where files live, the decoder queue, signed links. */
  photos: PhotoServices & { links: PhotoLinks };
}
