/**
 * `createClient`: the typed Lastmeter client. One method per contract Query and
 * Mutation field over HTTP, live feeds over graphql-ws, paging, retries.
 * Nothing here needs Node: the same code runs in browsers (the widgets use it).
 */
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws/client';
import { LastmeterError } from './errors.ts';
import {
  DuplicateCandidatesDocument,
  IssueEventsDocument,
  IssueTrackedDocument,
  LoginDocument,
  ReportIssueDocument,
  type IssueEventFilter,
  type IssueFilter,
} from './generated/graphql.ts';
import { executeHttp, type HttpSettings } from './http.ts';
import { newIdempotencyKey } from './idempotency.ts';
import {
  IDEMPOTENT_MUTATIONS,
  mutationDocuments,
  queryDocuments,
  type ArgsParameter,
  type MutationMethods,
  type QueryMethods,
  type ReportIssueArgs,
  type ResultOf,
  type TypedDocument,
} from './methods.ts';
import { paginate } from './paginate.ts';
import { retryPolicy, type RetryOptions } from './retry.ts';
import { webSocketConstructor } from './web-socket.ts';
import { liveFeed, LiveStream, RecentSet, type LiveFeed, type LiveStreamHost } from './subscriptions.ts';
import type { DuplicateCandidate, IssueEvent, IssueSummary, TrackedIssue } from './types.ts';
import { uploadPhoto, uploadUrlFor, type PhotoSource, type UploadedPhoto } from './upload.ts';

/** A staff token, or a function that returns the current one (called before every request and connection). */
export type TokenSource = string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql` (relative URLs work in browsers). */
  url: string;
  /** The WebSocket endpoint for live feeds; default: `url` with http(s) turned into ws(s). */
  wsUrl?: string;
  /** Staff token sent as `Authorization: Bearer …`; `login` replaces it. */
  token?: TokenSource;
  /** Portal key sent as `X-Portal-Key` (widgets and portals). */
  portalKey?: string;
  /** Extra HTTP headers for every request. */
  headers?: Record<string, string>;
  /** A fetch implementation; default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /**
   * A WebSocket constructor; default: the global `WebSocket`, or where there is
   * none (Node 20) the `ws` package, loaded by itself when a feed first opens.
   */
  webSocketImpl?: unknown;
  /** Retry and reconnect backoff, or `false` for none. */
  retry?: RetryOptions | false;
  /** Where photos are uploaded; default: `url` with `/graphql` turned into `/uploads`. */
  uploadUrl?: string;
}

/** Arguments of {@link LastmeterClient.issueEvents}. */
export interface IssueEventsArgs {
  /** Only events of this grid, region (with its subtree) or assignee. */
  filter?: IssueEventFilter | null;
  /** Replay every event after this cursor first, then go live. */
  after?: string | null;
}

/** Arguments of {@link LastmeterClient.issueTracked}. */
export interface IssueTrackedArgs {
  trackingCode: string;
}

/** Paging options of {@link LastmeterClient.iterateIssues}. */
export interface IterateOptions {
  /** Issues fetched per request (1..100, default 50). */
  pageSize?: number;
}

/** The Lastmeter client: see {@link createClient}. */
export interface LastmeterClient extends QueryMethods, MutationMethods {
  /** Sends any typed document (e.g. `CadreDutiesDocument`) and resolves to its `data`. */
  request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, ...args: ArgsParameter<NoInfer<TVariables>>): Promise<TResult>;
  /** Sends a GraphQL query text and resolves to its (untyped) `data`. */
  request<TResult = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<TResult>;
  /**
   * The public tracker, live: the current state of a report at once, then again
   * after every change. Reconnects by itself; ends with a LastmeterError for an
   * unknown tracking code.
   */
  issueTracked(args: IssueTrackedArgs): LiveFeed<TrackedIssue>;
  /**
   * The staff feed of issue events in the caller's scope. With `after`, first
   * replays what came after that cursor. On reconnect it resumes after the last
   * event it delivered, so each event arrives exactly once.
   */
  issueEvents(args?: IssueEventsArgs): LiveFeed<IssueEvent>;
  /** Every issue matching `filter`, page after page, as one AsyncIterable. */
  iterateIssues(args?: { filter?: IssueFilter | null }, options?: IterateOptions): AsyncIterable<IssueSummary>;
  /**
   * 合并's candidates for an issue (staff): open issues of the same category within `within` metres (default
   * 250) or in the same grid, reported in the last 30 days, newest first (`first`, default 5). Empty when the
   * issue is unknown or out of scope.
   */
  duplicateCandidates(args: { id: string; within?: number | null; first?: number | null }): Promise<DuplicateCandidate[]>;
  /**
   * Uploads one picture (POST /uploads) with this client's token or portal key; attach the answer's
   * `id` with `reportIssue({ input: { photoIds } })` or `addIssuePhotos`. Fails with a LastmeterError:
   * `PAYLOAD_TOO_LARGE` (over 10 MB), `UNSUPPORTED_MEDIA_TYPE`, `BAD_REQUEST` (undecodable or over
   * 40 megapixels), `FORBIDDEN`, `RATE_LIMITED`, `NETWORK_ERROR`.
   */
  uploadPhoto(photo: PhotoSource): Promise<UploadedPhoto>;
  /** Replaces the token (e.g. after signing out, pass undefined). Live feeds opened later use it. */
  setToken(token: TokenSource): void;
  /** Closes every socket and ends every live feed. HTTP calls keep working. */
  dispose(): Promise<void>;
}

/** Which operation a document holds, found without a GraphQL parser (the generated ones start with it). */
function describeOperation(query: string): { kind: 'query' | 'mutation' | 'subscription' | undefined; name: string | undefined } {
  const text = query.replace(/#[^\n\r]*/g, '');
  const match = /(?:^|[}\n])\s*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/.exec(text);
  if (match) return { kind: match[1] as 'query' | 'mutation' | 'subscription', name: match[2] };
  return { kind: text.trimStart().startsWith('{') ? 'query' : undefined, name: undefined };
}

function webSocketUrl(options: ClientOptions): string {
  if (options.wsUrl) return options.wsUrl;
  const base = typeof location === 'undefined' ? undefined : location.href;
  const url = new URL(options.url, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

// A socket that answered no ping within this time is dead (half-open): drop it and reconnect.
const KEEP_ALIVE_MS = 15_000;
const PONG_TIMEOUT_MS = 10_000;

/**
 * Creates a client for one Lastmeter API.
 *
 * @example
 * const lm = createClient({ url: 'http://127.0.0.1:4000/graphql', portalKey });
 * const { trackingCode } = await lm.reportIssue({ input: { categoryCode: 'PROPERTY', description: '…', gridId } });
 * for await (const tracked of lm.issueTracked({ trackingCode })) console.log(tracked.status);
 */
export function createClient(options: ClientOptions): LastmeterClient {
  const retry = retryPolicy(options.retry);
  let token: TokenSource = options.token;
  let lastToken: string | undefined;
  const extraHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) extraHeaders[name.toLowerCase()] = value;

  async function currentToken(): Promise<string | undefined> {
    const value = typeof token === 'function' ? await token() : token;
    lastToken = value ?? undefined;
    return lastToken;
  }
  const secrets = () => [lastToken, typeof token === 'string' ? token : undefined, options.portalKey];

  const http: HttpSettings = {
    url: options.url,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry,
    secrets,
    async headers() {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...extraHeaders,
      };
      const bearer = await currentToken();
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (options.portalKey) headers['x-portal-key'] = options.portalKey;
      return headers;
    },
  };

  async function execute(document: { toString(): string }, variables: unknown, idempotent?: boolean): Promise<Record<string, unknown>> {
    const query = document.toString();
    const operation = describeOperation(query);
    if (operation.kind === 'subscription') {
      throw new LastmeterError({ code: 'BAD_REQUEST', message: 'Subscriptions are live feeds: use issueTracked() or issueEvents().' });
    }
    return executeHttp(http, {
      query,
      variables: (variables ?? {}) as Record<string, unknown>,
      operationName: operation.name,
      idempotent: idempotent ?? operation.kind === 'query',
    });
  }

  // Live feeds share one graphql-ws client (one socket). When the credentials
  // change it is retired: feeds already open keep it until they reconnect.
  let socketClient: WsClient | undefined;
  const socketClients = new Set<WsClient>();
  const streams = new Set<LiveStream<unknown>>();

  async function socket(): Promise<WsClient> {
    if (socketClient) return socketClient;
    const webSocketImpl = await webSocketConstructor(options.webSocketImpl);
    // Another feed may have made the client while the constructor loaded.
    if (socketClient) return socketClient;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    const client: WsClient = createWsClient({
      url: webSocketUrl(options),
      webSocketImpl,
      lazy: true,
      // Reconnecting is ours to do (LiveStream), with fresh variables each time.
      retryAttempts: 0,
      keepAlive: KEEP_ALIVE_MS,
      connectionParams: async () => {
        const bearer = await currentToken();
        return {
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...(options.portalKey ? { portalKey: options.portalKey } : {}),
        };
      },
      on: {
        ping: (received) => {
          if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: () => clearTimeout(pongTimer),
      },
    });
    socketClients.add(client);
    socketClient = client;
    return client;
  }

  function retireSocket(): void {
    const retired = socketClient;
    socketClient = undefined;
    if (retired && streams.size === 0) {
      socketClients.delete(retired);
      void Promise.resolve(retired.dispose()).catch(() => undefined);
    }
  }

  const host: LiveStreamHost = {
    socket,
    retry,
    secrets,
    canRefreshToken: () => typeof token === 'function',
    ended: (stream) => streams.delete(stream),
  };
  function open<T>(stream: LiveStream<T>): LiveStream<T> {
    streams.add(stream as LiveStream<unknown>);
    return stream;
  }

  const client = {
    request(document: { toString(): string }, variables?: Record<string, unknown>) {
      return execute(document, variables);
    },

    async reportIssue({ input }: ReportIssueArgs) {
      // Made once, before the first attempt, so every retry carries the same key.
      const keyed = { ...input, idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() };
      return (await execute(ReportIssueDocument, { input: keyed }, true)).reportIssue;
    },

    uploadPhoto(photo: PhotoSource) {
      return uploadPhoto(
        { url: options.uploadUrl ?? uploadUrlFor(options.url), fetch: http.fetch, retry, secrets, headers: () => http.headers() },
        photo,
      );
    },

    async login(args: { username: string; password: string }) {
      const payload = (await execute(LoginDocument, args, true)).login as { token: string };
      client.setToken(payload.token);
      return payload;
    },

    issueTracked({ trackingCode }: IssueTrackedArgs): LiveFeed<TrackedIssue> {
      return liveFeed(() => {
        let last: string | undefined;
        return open(
          new LiveStream<TrackedIssue>(host, {
            query: IssueTrackedDocument.toString(),
            operationName: 'IssueTracked',
            field: 'issueTracked',
            variables: () => ({ trackingCode }),
            // A reconnect sends the current state again: deliver it only if it changed.
            accept: (tracked) => {
              const snapshot = JSON.stringify(tracked);
              if (snapshot === last) return false;
              last = snapshot;
              return true;
            },
          }),
        );
      });
    },

    issueEvents(args: IssueEventsArgs = {}): LiveFeed<IssueEvent> {
      return liveFeed(() => {
        let after = args.after ?? null;
        const delivered = new RecentSet<string>(1000);
        return open(
          new LiveStream<IssueEvent>(host, {
            query: IssueEventsDocument.toString(),
            operationName: 'IssueEvents',
            field: 'issueEvents',
            variables: () => ({ filter: args.filter ?? null, after }),
            accept: (event) => {
              if (delivered.has(event.cursor)) return false;
              delivered.add(event.cursor);
              after = event.cursor;
              return true;
            },
          }),
        );
      });
    },

    iterateIssues(args: { filter?: IssueFilter | null } = {}, { pageSize = 50 }: IterateOptions = {}): AsyncIterable<IssueSummary> {
      return {
        [Symbol.asyncIterator]: () => paginate((after) => client.issues({ filter: args.filter, first: pageSize, after })),
      };
    },

    async duplicateCandidates(args: { id: string; within?: number | null; first?: number | null }): Promise<DuplicateCandidate[]> {
      const data = (await execute(DuplicateCandidatesDocument, { id: args.id, within: args.within ?? undefined, first: args.first ?? undefined }, true)) as ResultOf<
        typeof DuplicateCandidatesDocument
      >;
      return data.issue?.duplicateCandidates ?? [];
    },

    setToken(next: TokenSource) {
      token = next;
      lastToken = undefined;
      retireSocket();
    },

    async dispose() {
      for (const stream of [...streams]) stream.close();
      const clients = [...socketClients];
      socketClients.clear();
      socketClient = undefined;
      await Promise.all(clients.map((c) => Promise.resolve(c.dispose()).catch(() => undefined)));
    },
  } as unknown as LastmeterClient;

  const methods = client as unknown as Record<string, unknown>;
  for (const [field, document] of Object.entries(queryDocuments)) {
    methods[field] = async (args?: unknown) => (await execute(document, args, true))[field];
  }
  for (const [field, document] of Object.entries(mutationDocuments)) {
    if (field in methods) continue; // reportIssue and login, above
    methods[field] = async (args?: unknown) => (await execute(document, args, IDEMPOTENT_MUTATIONS.has(field)))[field];
  }
  return client;
}
