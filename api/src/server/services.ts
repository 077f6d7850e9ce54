/** The long-lived parts of a running API, created once at start and shared by every request. */
import type { Config } from '../config';
import type { Database } from '../db/orm';
import type { LoginGuard } from '../modules/auth/login-guard';
import type { TokenService } from '../modules/auth/token';
import type { EventNotifier } from '../modules/realtime/event-notifier';
import type { Logger } from './logger';

export interface AppServices {
  config: Config;
  db: Database;
  tokens: TokenService;
  loginGuard: LoginGuard;
  logger: Logger;
  /** Call after committing a transaction that appended issue events. */
  events: EventNotifier;
}
