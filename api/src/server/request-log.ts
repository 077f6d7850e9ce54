/**
 * Request ids and access logs. Every HTTP request gets an id —
 * the caller's `X-Request-Id` when it is a plain token, else a new UUID —
 * echoed in the `X-Request-Id` response header, carried by every log line
 * written while the request runs (through {@link currentRequestId}, which the
 * logger mixes in), and by one access-log line when the answer is sent.
 *
 * The access log holds no personal data: method, path without the query
 * string (GET queries may carry variables), status, duration and the GraphQL
 * operation name — never headers, bodies or the caller's address.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Level } from 'pino';
import type { Logger } from './logger';

interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The id of the request being served in this async context, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** A caller's id is kept only when it cannot forge log lines or blow up their size. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request id chosen for this request (set by {@link requestIdMiddleware}). */
export function requestIdOf(res: { locals: Record<string, unknown> }): string {
  const id = res.locals.requestId;
  return typeof id === 'string' ? id : randomUUID();
}

/** Where the GraphQL layer leaves the operation name for the access log. */
export function noteOperationName(res: { locals: Record<string, unknown> }, name: string | null | undefined): void {
  if (name) res.locals.operationName = name.slice(0, 100);
}

/** originalUrl: mounted routers (e.g. /graphql) rewrite req.path; the query string may carry variables. */
const pathOf = (req: IncomingMessage) => ((req as Request).originalUrl ?? req.url ?? '/').split('?')[0];
const isProbe = (path: string) => path === '/healthz' || path === '/readyz' || path === '/metrics';

/** What the access log says of a request besides its method, path and status. */
interface AnswerFacts {
  requestId: string;
  operationName?: string;
}

/** The whole access-log line: only these fields. */
function accessLine(req: IncomingMessage, res: ServerResponse, durationMs: number, facts: AnswerFacts) {
  return {
    // Also written when the connection closes before the answer was sent: say so.
    ...(res.writableFinished ? {} : { aborted: true }),
    requestId: facts.requestId,
    method: req.method,
    path: pathOf(req).slice(0, 200),
    status: res.statusCode,
    durationMs,
    operation: facts.operationName,
  };
}

const levelOf = (req: IncomingMessage, res: ServerResponse): Level => (isProbe(pathOf(req)) ? 'debug' : res.statusCode >= 500 ? 'warn' : 'info');

/** When a request reached the server, for those the direct path read before handing them on (direct-graphql.ts). */
const arrivals = new WeakMap<IncomingMessage, number>();

/** Notes when `req` arrived: its access-log line counts its duration from then. */
export function noteArrival(req: IncomingMessage, at: number): void {
  arrivals.set(req, at);
}

/** The caller's `X-Request-Id` when it is a plain token, else a new UUID. */
export function chooseRequestId(req: IncomingMessage): string {
  const offered = req.headers['x-request-id'];
  const candidate = Array.isArray(offered) ? offered[0] : offered;
  return candidate && ACCEPTABLE_ID.test(candidate) ? candidate : randomUUID();
}

/** Writes the access-log line once, when the answer is sent or the connection closes first. */
export function logWhenAnswered(logger: Logger, req: IncomingMessage, res: ServerResponse, startedAt: number, facts: () => AnswerFacts): void {
  const done = () => {
    res.removeListener('finish', done);
    res.removeListener('close', done);
    const level = levelOf(req, res);
    if (logger.isLevelEnabled(level)) logger[level](accessLine(req, res, Date.now() - startedAt, facts()), 'request');
  };
  res.on('finish', done);
  res.on('close', done);
}

/** Runs `fn` with `requestId` on every log line it writes. */
export function runInRequestScope<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

/**
 * First middleware: picks the id, echoes it, logs the answer once. Written by hand rather than with pino-http,
 * which built two child loggers per request (with the redaction set-up) for a `req.log` nothing here used.
 */
export function requestIdMiddleware(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const startedAt = arrivals.get(req) ?? Date.now();
    const requestId = chooseRequestId(req);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    logWhenAnswered(logger, req, res, startedAt, () => ({
      requestId,
      operationName: typeof res.locals.operationName === 'string' ? res.locals.operationName : undefined,
    }));
    scope.run({ requestId }, next);
  };
}

/**
 * Re-enters the request's scope. Body parsers resume the request from socket
 * events, outside the scope the first middleware opened; put this right
 * before the GraphQL handler so its log lines carry the id again.
 */
export function bindRequestScope(): RequestHandler {
  return (_req, res, next) => {
    scope.run({ requestId: requestIdOf(res) }, next);
  };
}
