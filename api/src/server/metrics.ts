/**
 * Prometheus metrics at `/metrics` (prom-client). One registry per server, so
 * several servers in one process (tests, replicas in a benchmark) never mix
 * their figures.
 *
 * - `lastmeter_graphql_requests_total{operation,type}` and
 *   `lastmeter_graphql_request_duration_seconds{operation,type}`: HTTP GraphQL
 *   requests by operation name (an Apollo plugin).
 * - `lastmeter_graphql_direct_answers_total`: of those, the queries the direct
 *   path answered (direct-graphql.ts); the others went through Apollo.
 * - `lastmeter_graphql_errors_total{code}`: errors as clients saw them.
 * - `lastmeter_http_requests_total{route,status}`: every HTTP answer.
 * - `lastmeter_websocket_connections`, `lastmeter_subscriptions{field}`: read
 *   from the live feeds at each scrape.
 * - `lastmeter_db_pool_connections{state}` and `lastmeter_db_pool_max`.
 * - `lastmeter_events_published_total`: issue events handed to live subscribers.
 * - `lastmeter_webhook_deliveries_total{format,outcome}` and `lastmeter_sms_messages_total{outcome}`:
 *   delivery attempts by how they ended (succeeded, failed — to be retried —, dead).
 * - Node's default process metrics with the `lastmeter_` prefix (one set per process).
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Numbers read from other modules at scrape time. */
export interface MetricsSources {
  /** Open GraphQL WebSocket connections. */
  websocketConnections?: () => number;
  /** Live subscriptions by field (issueEvents, issueTracked). */
  subscriptions?: () => Record<string, number>;
  /** The database pool: connections in use, idle, and acquisitions waiting. */
  databasePool?: () => DatabasePoolStats | undefined;
}

export interface DatabasePoolStats {
  used: number;
  free: number;
  pending: number;
  max: number;
}

/** Operation names are chosen by clients: keep the label set bounded. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export class Metrics {
  readonly registry = new Registry();
  readonly graphqlRequests: Counter<'operation' | 'type'>;
  readonly graphqlDuration: Histogram<'operation' | 'type'>;
  readonly graphqlErrors: Counter<'code'>;
  readonly graphqlDirectAnswers: Counter;
  readonly httpRequests: Counter<'route' | 'status'>;
  /** Incremented by the realtime module for every event it hands to live subscribers. */
  readonly eventsPublished: Counter;
  /** Webhook delivery attempts by format and outcome (outbound worker). */
  readonly webhookDeliveries: Counter<'format' | 'outcome'>;
  /** Short-message attempts by outcome (outbound worker). */
  readonly smsMessages: Counter<'outcome'>;
  private readonly sources: MetricsSources = {};
  private readonly operationNames = new Set<string>();

  constructor() {
    const registers = [this.registry];
    this.graphqlRequests = new Counter({
      name: 'lastmeter_graphql_requests_total',
      help: 'GraphQL requests over HTTP, by operation name and type.',
      labelNames: ['operation', 'type'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'lastmeter_graphql_request_duration_seconds',
      help: 'Time to answer a GraphQL request over HTTP, by operation name and type.',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'lastmeter_graphql_errors_total',
      help: 'GraphQL errors returned to clients, by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.graphqlDirectAnswers = new Counter({
      name: 'lastmeter_graphql_direct_answers_total',
      help: 'GraphQL queries over HTTP answered on the direct path, without Express and Apollo (the others went through Apollo).',
      registers,
    });
    this.httpRequests = new Counter({
      name: 'lastmeter_http_requests_total',
      help: 'HTTP answers by route and status code.',
      labelNames: ['route', 'status'],
      registers,
    });
    this.eventsPublished = new Counter({
      name: 'lastmeter_events_published_total',
      help: 'Issue events handed to live subscribers on this replica.',
      registers,
    });
    this.webhookDeliveries = new Counter({
      name: 'lastmeter_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by format and outcome (succeeded, failed and to be retried, dead).',
      labelNames: ['format', 'outcome'],
      registers,
    });
    this.smsMessages = new Counter({
      name: 'lastmeter_sms_messages_total',
      help: 'Short messages to reporters, by outcome (succeeded, failed and to be retried, dead).',
      labelNames: ['outcome'],
      registers,
    });
    const sources = this.sources;
    new Gauge({
      name: 'lastmeter_websocket_connections',
      help: 'Open GraphQL WebSocket connections.',
      registers,
      collect() {
        this.set(sources.websocketConnections?.() ?? 0);
      },
    });
    new Gauge({
      name: 'lastmeter_subscriptions',
      help: 'Live subscriptions on this replica, by field.',
      labelNames: ['field'],
      registers,
      collect() {
        this.reset();
        for (const [field, count] of Object.entries(sources.subscriptions?.() ?? {})) this.set({ field }, count);
      },
    });
    new Gauge({
      name: 'lastmeter_db_pool_connections',
      help: 'Database connections: used (checked out), free (idle), pending (requests waiting for one).',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.databasePool?.();
        if (!pool) return;
        this.set({ state: 'used' }, pool.used);
        this.set({ state: 'free' }, pool.free);
        this.set({ state: 'pending' }, pool.pending);
      },
    });
    new Gauge({
      name: 'lastmeter_db_pool_max',
      help: 'Largest number of database connections the pool opens (1 for the embedded database).',
      registers,
      collect() {
        const pool = sources.databasePool?.();
        if (pool) this.set(pool.max);
      },
    });
  }

  /** Connects the numbers other modules own (call again to replace one). */
  setSources(sources: MetricsSources): void {
    Object.assign(this.sources, sources);
  }

  /** The operation label: the client's operation name when well-formed and while the label set is small. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** Counts and times one GraphQL request over HTTP. */
  countGraphqlRequest(operationName: string | null | undefined, type: string, seconds: number): void {
    const labels = { operation: this.operationLabel(operationName), type };
    this.graphqlRequests.inc(labels);
    this.graphqlDuration.observe(labels, seconds);
  }

  /** Counts and times every GraphQL request Apollo answers; counts errors by the code the client saw. */
  apolloPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    const metrics = this;
    const codeOf = (error: unknown) => {
      const code = (error as { extensions?: { code?: unknown } })?.extensions?.code;
      return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
    };
    return {
      // Requests Apollo answers before the request pipeline starts: a failed context (bad token, database away) …
      async contextCreationDidFail({ error }) {
        metrics.graphqlRequests.inc({ operation: 'unknown', type: 'unknown' });
        metrics.graphqlErrors.inc({ code: codeOf(error) });
      },
      // … and a malformed HTTP request (no query, wrong method or content type).
      async invalidRequestWasReceived({ error }) {
        metrics.graphqlRequests.inc({ operation: 'unknown', type: 'unknown' });
        metrics.graphqlErrors.inc({ code: codeOf(error) });
      },
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse(requestContext: GraphQLRequestContext<TContext>) {
            metrics.countGraphqlRequest(
              requestContext.operationName ?? requestContext.request.operationName,
              requestContext.operation?.operation ?? 'unknown',
              Number(process.hrtime.bigint() - started) / 1e9,
            );
            const body = requestContext.response.body;
            const errors = !body ? undefined : body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
            for (const error of errors ?? []) metrics.graphqlErrors.inc({ code: codeOf(error) });
          },
        };
      },
    };
  }

  /** Counts every HTTP answer by route (never the raw path: its label set would be unbounded). */
  httpMiddleware(): RequestHandler {
    return (req, res, next) => {
      res.once('finish', () => {
        // originalUrl: routers mounted on a path (e.g. /graphql) rewrite req.path meanwhile.
        const path = req.originalUrl.split('?')[0];
        const route = KNOWN_ROUTES.has(path) ? path : path.startsWith('/widgets/') ? '/widgets' : path.startsWith('/open311/') ? '/open311' : 'other';
        this.httpRequests.inc({ route, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** `GET /metrics`: the Prometheus text format. */
  handler(): RequestHandler {
    return async (_req, res) => {
      try {
        const body = await Registry.merge([processRegistry(), this.registry]).metrics();
        res.setHeader('content-type', this.registry.contentType);
        res.setHeader('cache-control', 'no-store');
        res.send(body);
      } catch {
        res.status(500).type('text/plain').send('metrics unavailable\n');
      }
    };
  }
}

/**
 * Node's process metrics (memory, CPU, event-loop lag, GC) belong to the
 * process, not to one server: collected once, shown by every server's /metrics.
 */
let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics, prefix: 'lastmeter_' });
  }
  return processMetrics;
}

const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/']);

/** The knex pool (tarn) behind a MikroORM connection, when there is one. */
export function knexPoolStats(orm: { em: unknown }): DatabasePoolStats | undefined {
  const knex = (orm.em as { getKnex?: () => { client?: { pool?: TarnPool } } }).getKnex?.();
  const pool = knex?.client?.pool;
  if (!pool) return undefined;
  return {
    used: pool.numUsed(),
    free: pool.numFree(),
    pending: pool.numPendingAcquires(),
    max: pool.max,
  };
}

interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}
