/**
 * Live feeds over graphql-ws as AsyncIterables that survive dropped sockets:
 * each reconnects with backoff and jitter and resubscribes with variables
 * computed afresh (so `issueEvents` resumes after the last delivered cursor).
 * Errors the server means (a GraphQL error, 4401, 4403) end the feed with a
 * LastmeterError instead of retrying for ever.
 */
import type { Client as WsClient, FormattedExecutionResult } from 'graphql-ws/client';
import {
  ClientErrorCode,
  firstErrorCode,
  LastmeterError,
  redact,
  redactErrors,
  summarise,
  type GraphQLErrorShape,
  type LastmeterErrorCode,
} from './errors.ts';
import { backoffDelay, type RetryPolicy } from './retry.ts';

/** A live feed: iterate it with `for await`; `break` (or `return()`) unsubscribes. */
export interface LiveFeed<T> extends AsyncIterable<T> {
  [Symbol.asyncIterator](): AsyncIterableIterator<T>;
}

/** What a live stream needs from the client. */
export interface LiveStreamHost {
  /** The current graphql-ws client (made on demand; replaced when credentials change). */
  socket(): Promise<WsClient>;
  retry: RetryPolicy;
  secrets(): ReadonlyArray<string | null | undefined>;
  /** Whether the token comes from a function, which may give a fresh one after 4401 (expired). */
  canRefreshToken(): boolean;
  /** Called once when the stream ends, however it ends. */
  ended(stream: LiveStream<unknown>): void;
}

/** What to subscribe to, and which deliveries to keep. */
export interface LiveStreamSpec<T> {
  query: string;
  operationName: string;
  /** The root field whose value each message carries. */
  field: string;
  /** Variables for each (re)subscription. */
  variables(): Record<string, unknown>;
  /** Whether to deliver this value (false drops it: a duplicate). */
  accept(value: T): boolean;
}

// Close codes after which trying again can help: normal or going-away closes,
// abnormal drops, server restarts, timeouts, terminated sockets, internal errors.
const RETRYABLE_CLOSE_CODES = new Set([1000, 1001, 1005, 1006, 1011, 1012, 1013, 1014, 4408, 4499, 4500, 4504]);

interface CloseLike {
  code: number;
  reason?: string;
}

function isCloseLike(value: unknown): value is CloseLike {
  return typeof value === 'object' && value !== null && typeof (value as CloseLike).code === 'number' && 'reason' in value;
}

/**
 * One subscription that keeps itself alive. It is its own AsyncIterator;
 * values arriving faster than they are consumed wait in a queue.
 */
export class LiveStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private readonly waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }[] = [];
  private failure: LastmeterError | undefined;
  private finished = false;
  private unsubscribe: (() => void) | undefined;
  private stopListening: (() => void) | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private refreshedToken = false;

  constructor(
    private readonly host: LiveStreamHost,
    private readonly spec: LiveStreamSpec<T>,
  ) {
    this.subscribe();
  }

  /** The stream is its own iterator. */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** The next value: queued ones first, then the next to arrive; rejects with the LastmeterError that ended the feed. */
  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Unsubscribes and ends the iteration (what `break` calls). */
  return(): Promise<IteratorResult<T>> {
    this.finish();
    this.queue.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Ends the stream from outside (the client's `dispose`). */
  close(): void {
    void this.return();
  }

  private subscribe(): void {
    if (this.finished) return;
    this.host.socket().then(
      (client) => this.subscribeOn(client),
      (error: unknown) => this.fail(this.transportError(error)),
    );
  }

  private subscribeOn(client: WsClient): void {
    // Ended while the socket's client was being made (e.g. `break` at once).
    if (this.finished) return;
    // A connection the server acknowledged is a success: the next drop starts the backoff afresh.
    this.stopListening = client.on('connected', () => {
      this.failures = 0;
      this.refreshedToken = false;
    });
    this.unsubscribe = client.subscribe<Record<string, unknown>>(
      { query: this.spec.query, variables: this.spec.variables(), operationName: this.spec.operationName },
      {
        next: (result) => this.receive(result),
        error: (error) => this.dropped(error),
        complete: () => this.finish(),
      },
    );
  }

  private receive(result: FormattedExecutionResult<Record<string, unknown>, unknown>): void {
    if (this.finished) return;
    this.failures = 0;
    if (result.errors?.length) {
      this.fail(this.graphQLError(result.errors as unknown as GraphQLErrorShape[], result.data));
      return;
    }
    const value = result.data?.[this.spec.field] as T | null | undefined;
    if (value === null || value === undefined) {
      this.fail(new LastmeterError({ code: 'INTERNAL_SERVER_ERROR', message: `The server sent ${this.spec.field} without a value.`, operationName: this.spec.operationName }));
      return;
    }
    if (!this.spec.accept(value)) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value, done: false });
    else this.queue.push(value);
  }

  private dropped(error: unknown): void {
    this.detach();
    if (this.finished) return;
    if (Array.isArray(error)) {
      // The server refused the operation itself (an `error` message): retrying would only repeat it.
      this.fail(this.graphQLError(error as GraphQLErrorShape[], null));
      return;
    }
    if (isCloseLike(error) && !RETRYABLE_CLOSE_CODES.has(error.code)) {
      // 4401 after a while is an expired token: a token function may have a fresh one, so try once more.
      const refresh = error.code === 4401 && this.host.canRefreshToken() && !this.refreshedToken;
      if (!refresh) {
        this.fail(this.closeError(error));
        return;
      }
      this.refreshedToken = true;
    }
    if (this.failures >= this.host.retry.reconnects) {
      this.fail(this.transportError(error));
      return;
    }
    const delay = backoffDelay(this.failures++, this.host.retry);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.subscribe();
    }, delay);
  }

  private detach(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.unsubscribe = undefined;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.retryTimer);
    const unsubscribe = this.unsubscribe;
    this.detach();
    unsubscribe?.();
    for (const waiter of this.waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
    this.host.ended(this as LiveStream<unknown>);
  }

  private fail(error: LastmeterError): void {
    if (this.finished) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.reject(error);
    else this.failure = error;
    this.finish();
  }

  private graphQLError(errors: GraphQLErrorShape[], data: unknown): LastmeterError {
    const redacted = redactErrors(errors, this.host.secrets());
    return new LastmeterError({
      code: firstErrorCode(redacted) ?? 'INTERNAL_SERVER_ERROR',
      message: summarise(redacted),
      graphQLErrors: redacted,
      data,
      operationName: this.spec.operationName,
    });
  }

  private closeError(close: CloseLike): LastmeterError {
    const code: LastmeterErrorCode = close.code === 4401 ? 'UNAUTHENTICATED' : close.code === 4403 ? 'FORBIDDEN' : 'BAD_REQUEST';
    const reason = close.reason ? `: ${close.reason}` : '';
    return new LastmeterError({
      code,
      message: redact(`The server closed the subscription socket (${close.code}${reason}).`, this.host.secrets()),
      closeCode: close.code,
      operationName: this.spec.operationName,
    });
  }

  private transportError(error: unknown): LastmeterError {
    if (error instanceof LastmeterError) return error;
    const detail = isCloseLike(error)
      ? `socket closed (${error.code}${error.reason ? `: ${error.reason}` : ''})`
      : error instanceof Error
        ? error.message
        : typeof (error as { message?: unknown })?.message === 'string'
          ? (error as { message: string }).message
          : 'connection failed';
    return new LastmeterError({
      code: ClientErrorCode.NETWORK_ERROR,
      message: redact(`The live feed ${this.spec.operationName} lost its connection: ${detail}`, this.host.secrets()),
      closeCode: isCloseLike(error) ? error.code : undefined,
      operationName: this.spec.operationName,
      cause: error,
    });
  }
}

/** A feed that starts a fresh {@link LiveStream} for each iteration. */
export function liveFeed<T>(start: () => LiveStream<T>): LiveFeed<T> {
  return { [Symbol.asyncIterator]: start };
}

/** A set that remembers only its most recent `limit` entries (enough to drop replayed duplicates). */
export class RecentSet<T> {
  private readonly entries = new Set<T>();

  constructor(private readonly limit: number) {}

  has(value: T): boolean {
    return this.entries.has(value);
  }

  add(value: T): void {
    this.entries.add(value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.values().next().value as T);
  }
}
