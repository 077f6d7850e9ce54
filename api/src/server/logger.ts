/**
 * Logs (pino): JSON lines, or readable lines when stdout is a terminal
 * (pino-pretty). Personal data never goes in: log ids and codes, not inputs.
 */
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config';
import { currentRequestId } from './request-log';

export type { Logger };

/** Secrets and personal data, wherever a log call might carry them (a few levels deep). */
const SENSITIVE_KEYS = ['authorization', 'x-portal-key', 'portalKey', 'password', 'token', 'reporterName', 'reporterPhone'];
export const REDACT_PATHS = SENSITIVE_KEYS.map((key) => `["${key}"]`).flatMap((key) => [key.slice(2, -2), `*${key}`, `*.*${key}`, `*.*.*${key}`]);

interface DatabaseErrorLike extends Error {
  code?: unknown;
  sqlState?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
}

/**
 * Database driver errors carry the failed SQL with its parameters inlined
 * (knex writes `insert … values ('张三', '13812345678') - duplicate key …`), a
 * `detail` with key values, and PostgreSQL's own message may quote a value
 * (`invalid input syntax for type uuid: "…"`): a reporter's name and phone
 * would reach the log. Keep what diagnoses the failure — kind, SQLSTATE,
 * constraint, table, the call stack — and drop every text that may quote data.
 * The same holds for any error that wraps one (GraphQL's `originalError`, a
 * `cause`, MikroORM's `previous`, an AggregateError's `errors`): pino would
 * otherwise print the wrapped message and stack beside the wrapper's.
 */
export function safeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  if (isDatabaseError(error)) return withheld(error);
  const inner = wrappedErrors(error);
  if (depth > 4 || !inner.some((e) => carriesDatabaseError(e, depth + 1))) return pino.stdSerializers.err(error);
  // A wrapper of a database error: often it copied the inner message (GraphQLError does), so withhold its own too.
  return { ...withheld(error), causes: inner.map((e) => safeError(e, depth + 1)) };
}

/** Looks like SQL text followed by the driver's message (MikroORM: `<query> - <message>`). */
const SQL_TEXT = /^\s*(select|insert|update|delete|with|alter|create|drop)\b[\s\S]* - /i;

function isDatabaseError(error: Error): boolean {
  const db = error as DatabaseErrorLike;
  return /Exception$/.test(error.name) || typeof db.sqlState === 'string' || 'detail' in error || 'query' in error || SQL_TEXT.test(error.message);
}

function wrappedErrors(error: Error): unknown[] {
  const links = error as { originalError?: unknown; cause?: unknown; previous?: unknown; errors?: unknown };
  const inner = [links.originalError, links.cause, links.previous, ...(Array.isArray(links.errors) ? links.errors : [])];
  return inner.filter((e) => e instanceof Error && e !== error);
}

function carriesDatabaseError(error: unknown, depth: number): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  return isDatabaseError(error) || wrappedErrors(error).some((e) => carriesDatabaseError(e, depth + 1));
}

function withheld(error: Error) {
  const db = error as DatabaseErrorLike;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
  return {
    type: error.name,
    message: `${error.name} (SQL text and values withheld from the log)`,
    sqlState: typeof db.code === 'string' ? db.code : typeof db.sqlState === 'string' ? db.sqlState : undefined,
    constraint: typeof db.constraint === 'string' ? db.constraint : undefined,
    table: typeof db.table === 'string' ? db.table : undefined,
    column: typeof db.column === 'string' ? db.column : undefined,
    routine: typeof db.routine === 'string' ? db.routine : undefined,
    stack: frames.join('\n'),
  };
}

/** Readable lines for a person at a terminal; JSON for everything else (files, pipes, collectors). */
function defaultDestination(): pino.DestinationStream | undefined {
  if (!process.stdout.isTTY) return undefined;
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' });
}

export function createLogger(level: LogLevel, destination: pino.DestinationStream | undefined = defaultDestination()): Logger {
  return pino(
    {
      level,
      base: { service: 'lastmeter' },
      redact: { paths: REDACT_PATHS, remove: true },
      serializers: { err: (e: unknown) => safeError(e), error: (e: unknown) => safeError(e) },
      // Every line written while a request runs carries its id (see request-log.ts).
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}
