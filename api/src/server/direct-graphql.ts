/**
 * The direct path for GraphQL queries over HTTP. A JSON POST to /graphql
 * whose query is valid, identifies its caller and runs without an error is
 * answered here, on the bare `node:http` request: no Express, no Apollo
 * request pipeline. Everything else (mutations, GET, any error, an unusual
 * header) goes on to Express and Apollo, which answer it as they always have.
 *
 *   request ─ direct path ─┬─ plain JSON POST, valid query, caller known, no error ─→ answered here
 *                          └─ anything else ─→ Express → CORS, body parser, Apollo (as before)
 *
 * A query changes nothing (no query consumes a rate limit or writes), so one
 * that fails here runs again through Apollo, which words the errors, status
 * codes and headers exactly as before. The one exception, a field whose
 * resolver writes an audit entry (`writingFields`), keeps its queries on
 * Apollo's path. The answer's headers are Apollo's and
 * Express's for the same request: content type, CORS, request id, no referrer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Executor } from './compiled-execution';
import { resultPieces } from './json-answers';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { containsNul, documentContainsNul } from './nul-characters';
import type { PreparedDocuments } from './prepared-documents';
import { prefersGraphQLResponse } from './rate-limit-response';
import { mentionsField } from './selection';
import { chooseRequestId, logWhenAnswered, noteArrival, runInRequestScope } from './request-log';
import { requestContextOf } from './request-identity';
import type { AppServices } from './services';

/** Express's body limit for /graphql; larger bodies go to Express, which refuses them with its own message. */
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

export interface DirectGraphqlOptions {
  services: AppServices;
  documents: PreparedDocuments;
  execute: Executor;
  /** Whether a browser page of this origin may call (cors.ts). */
  originAllowed: (origin: string) => Promise<boolean>;
  hostOf: (req: IncomingMessage) => string | null;
  metrics: Metrics;
  logger: Logger;
  /** Where every request the direct path does not answer goes (the Express app). */
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
  /** True once the server is closing: Apollo's drain takes over. */
  isClosing: () => boolean;
  /** Fields whose resolvers write (an audit entry): queries that select one go to Apollo. */
  writingFields: readonly string[];
}

/** The body of a GraphQL request over HTTP, as far as the direct path reads it. */
interface GraphQLBody {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
}

type ResponseType = 'application/json; charset=utf-8' | 'application/graphql-response+json; charset=utf-8';

/** The request listener of the HTTP server. */
export function directGraphql(options: DirectGraphqlOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { fallback } = options;
  const writing = new Set(options.writingFields);
  // Per parsed document, once: whether Apollo must take it (a NUL in a literal, a field that writes).
  const apollosOwn = new WeakMap<DocumentNode, boolean>();
  const leftToApollo = (document: DocumentNode) => {
    let found = apollosOwn.get(document);
    if (found === undefined) apollosOwn.set(document, (found = documentContainsNul(document) || mentionsField(document, (name) => writing.has(name))));
    return found;
  };

  /** Hands the request on with its body already read (Express's body parser sees a finished request and skips). */
  const handOn = (req: IncomingMessage, res: ServerResponse, startedAt: number, body: unknown, requestId?: string) => {
    (req as IncomingMessage & { body?: unknown }).body = body;
    // Express's access-log line counts from the request's arrival, not from here.
    noteArrival(req, startedAt);
    // The access log and any log line written meanwhile carry the same id.
    if (requestId) req.headers['x-request-id'] = requestId;
    fallback(req, res);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, raw: Buffer, type: ResponseType, startedAt: number) => {
    // A foreign origin is refused by Express's CORS guard before the body is looked at.
    const origin = req.headers.origin;
    if (origin !== undefined && !(await options.originAllowed(origin).catch(() => false))) return handOn(req, res, startedAt, undefined);
    let parsed: unknown;
    try {
      // As Express reads it: an empty body is {}, a byte order mark is dropped.
      const text = raw.toString('utf8');
      parsed = raw.length === 0 ? {} : JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    } catch {
      parsed = undefined;
    }
    // Express's JSON parser takes only objects and arrays; it says the same of anything else.
    if (parsed === undefined || parsed === null || typeof parsed !== 'object') return notJson(req, res, options, startedAt);
    const body = graphqlBody(parsed);
    if (!body || containsNul(body.variables)) return handOn(req, res, startedAt, parsed);
    const prepared = options.documents.get(body.query);
    if (prepared.errors) return handOn(req, res, startedAt, parsed);
    const operation = getOperationAST(prepared.document, body.operationName);
    if (operation?.operation !== 'query' || leftToApollo(prepared.document)) return handOn(req, res, startedAt, parsed);
    const requestId = chooseRequestId(req);
    const result = await runInRequestScope(requestId, async () => {
      const context = await requestContextOf(options.services, req, requestId, options.hostOf(req), { recall: true });
      if (context.viewer?.mustChangePassword) return null;
      const executed = await options.execute({ document: prepared.document, operation, operationName: body.operationName, variables: body.variables, context });
      // A recalled viewer that no statement confirmed yet is confirmed now, before anything it saw is sent.
      if (!executed.errors) await context.viewerCheck?.settle(options.services.db.orm.em);
      return executed;
    }).catch(() => null);
    if (!result || result.errors || options.isClosing()) return handOn(req, res, startedAt, parsed, requestId);

    const pieces = resultPieces({ data: result.data });
    if (origin !== undefined) res.setHeader('access-control-allow-origin', origin);
    options.metrics.countGraphqlRequest(operation.name?.value ?? body.operationName, 'query', (Date.now() - startedAt) / 1000);
    options.metrics.graphqlDirectAnswers.inc();
    send(req, res, options, { status: 200, type, pieces, requestId, startedAt, operationName: body.operationName?.slice(0, 100) });
  };

  return (req, res) => {
    const type = directResponseType(req);
    if (!type || options.isClosing()) return fallback(req, res);
    const startedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(req, res, Buffer.concat(chunks), type, startedAt).catch((error: unknown) => {
        options.logger.error({ err: error }, 'direct GraphQL path failed');
        if (!res.headersSent) handOn(req, res, startedAt, undefined);
      });
    });
    // A body cut off by the client, or over the request timeout: Node closes the socket; nothing to answer.
    req.on('error', () => res.destroy());
  };
}

/**
 * The answer's content type when the direct path may take the request, else null: a POST to /graphql of a JSON
 * body of known length within the limit, not compressed, and an Accept header that plainly takes JSON.
 */
function directResponseType(req: IncomingMessage): ResponseType | null {
  if (req.method !== 'POST' || req.url !== '/graphql') return null;
  const { headers } = req;
  if (!headers['content-type'] || !JSON_CONTENT_TYPE.test(headers['content-type'])) return null;
  if (headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity') return null;
  const length = Number(headers['content-length']);
  if (!Number.isInteger(length) || length > MAX_BODY_BYTES || headers['transfer-encoding'] !== undefined) return null;
  const accept = headers.accept;
  if (accept === undefined || accept === '*/*' || accept === 'application/json') return 'application/json; charset=utf-8';
  // Weights and unusual types are Apollo's to negotiate (it may answer 406).
  if (accept.includes('q=')) return null;
  if (prefersGraphQLResponse(accept)) return 'application/graphql-response+json; charset=utf-8';
  return /(^|,)\s*(application\/json|application\/\*|\*\/\*)\s*(,|$)/i.test(accept) ? 'application/json; charset=utf-8' : null;
}

/** The query, operation name and variables of a body in the usual shape; null for anything Apollo should judge. */
function graphqlBody(parsed: object): GraphQLBody | null {
  if (Array.isArray(parsed)) return null;
  const { query, operationName = null, variables = null, extensions } = parsed as Record<string, unknown>;
  if (typeof query !== 'string' || (operationName !== null && typeof operationName !== 'string')) return null;
  if (variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  // Automatic persisted queries and any other extension: Apollo's.
  if (extensions !== undefined && !(extensions && typeof extensions === 'object' && Object.keys(extensions).length === 0)) return null;
  return { query, operationName, variables: variables as Record<string, unknown> | null };
}

interface Answer {
  status: number;
  type: ResponseType;
  /** The body's text, in pieces written one after the other. */
  pieces: readonly string[];
  requestId: string;
  startedAt: number;
  operationName?: string;
}

/** Writes an answer with the headers Express's middleware would have set, logged and counted as Express's are. */
function send(req: IncomingMessage, res: ServerResponse, options: Pick<DirectGraphqlOptions, 'logger' | 'metrics'>, answer: Answer): void {
  const { status, requestId, operationName } = answer;
  res.statusCode = status;
  res.setHeader('vary', 'Origin');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-request-id', requestId);
  res.setHeader('content-type', answer.type);
  let length = 0;
  for (const piece of answer.pieces) length += Buffer.byteLength(piece);
  res.setHeader('content-length', length);
  // The direct path answers 200 or 400, logged at info (request-log.ts): no listeners when that level is off.
  if (options.logger.isLevelEnabled('info')) logWhenAnswered(options.logger, req, res, answer.startedAt, () => ({ requestId, operationName }));
  if (answer.pieces.length === 1) {
    res.end(answer.pieces[0]);
  } else {
    // Corked: the pieces leave in one write of several buffers, not one system call each.
    res.cork();
    for (const piece of answer.pieces) res.write(piece);
    res.end();
  }
  // Counted once written (Express's route counts on 'finish': the same answer, without a listener per request).
  options.metrics.httpRequests.inc({ route: '/graphql', status: String(status) });
}

/** What Express answers a body that is not a JSON object or array (http.ts's error handler). */
function notJson(req: IncomingMessage, res: ServerResponse, options: Pick<DirectGraphqlOptions, 'logger' | 'metrics'>, startedAt: number): void {
  const text = JSON.stringify({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  send(req, res, options, { status: 400, type: 'application/json; charset=utf-8', pieces: [text], requestId: chooseRequestId(req), startedAt });
}
