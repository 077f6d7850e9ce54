/** JSON logs (pino). Personal data never goes in: log ids and codes, not inputs. */
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'lastmeter' },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-portal-key"]', '*.password', '*.reporterName', '*.reporterPhone'], remove: true },
  });
}
