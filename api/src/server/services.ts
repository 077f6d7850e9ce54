/** The long-lived parts of a running API, created once at start and shared by every request. */
import type { Config } from '../config';
import type { Database } from '../db/orm';
import type { LoginGuard } from '../modules/auth/login-guard';
import type { TokenService } from '../modules/auth/token';
import type { Logger } from './logger';

export interface AppServices {
  config: Config;
  db: Database;
  tokens: TokenService;
  loginGuard: LoginGuard;
  logger: Logger;
}
