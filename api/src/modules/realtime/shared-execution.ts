/**
 * GraphQL `subscribe` with shared execution. graphql-js executes the
 * selection set once per subscriber per event; here each event's result is
 * built and serialised once per share key (same document, variables and
 * viewer) and reused by every subscriber with that key — e.g. all trackers
 * of one tracking code cost one execution per change. Each execution gets a
 * fresh request scope, so long-lived subscriptions hold no growing identity
 * map or stale loaders. Live streams with a channel to their socket are
 * delivered by a {@link LiveDelivery}; anything else goes through the
 * protocol server as usual.
 */
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { LiveDelivery, type LiveChannel } from './live-delivery';
import type { LivePayload } from './live-payload';
import { LiveStream } from './live-stream';

/** What a subscription's context must offer for shared execution. */
export interface SharedExecutionContext {
  /** Subscribers with equal keys ask the same question of the same data and may share a result. */
  readonly shareKey: string;
  /** A fresh context (EntityManager fork, loaders) for executing one event. */
  forEvent(): unknown;
  /** Called once the subscription is set up: what only the subscribe phase needed can go. */
  endSubscribePhase?(): void;
  /** Where this subscription's `next` messages can be written directly. */
  readonly channel?: LiveChannel;
}

function isSharedExecutionContext(value: unknown): value is SharedExecutionContext {
  return typeof value === 'object' && value !== null && typeof (value as SharedExecutionContext).forEvent === 'function';
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

/**
 * Drop-in for graphql-js `subscribe`. A subscription refused before it starts
 * (not signed in, unknown tracking code, bad cursor) ends with the protocol's
 * `error` message rather than a `next` carrying errors: one terminal answer.
 */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  const context = args.contextValue;
  if (isSharedExecutionContext(context)) context.endSubscribePhase?.();
  if (!isAsyncIterable(source)) {
    const error = source.errors?.[0];
    return error ? failedStream(error) : source;
  }
  if (isSharedExecutionContext(context) && context.channel && source instanceof LiveStream) {
    const { channel, shareKey } = context;
    const encoded = (result: ExecutionResult) => channel.encode(result);
    const resultOf = (payload: LivePayload<unknown>) =>
      payload.resultFor(shareKey, () => {
        const result = execute({ ...args, rootValue: payload, contextValue: context.forEvent() });
        return result instanceof Promise ? result.then(encoded) : encoded(result);
      });
    return new LiveDelivery<unknown>(source, resultOf, channel);
  }
  return mapStream(source, (payload) => executeEvent(args, payload));
}

/** A stream whose first step fails with `error` (graphql-ws then sends it as an `error` message). */
function failedStream(error: GraphQLError): AsyncIterableIterator<ExecutionResult> {
  return {
    next: () => Promise.reject(error),
    return: () => Promise.resolve({ done: true, value: undefined }),
    throw: (thrown?: unknown) => Promise.reject(thrown),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function executeEvent(args: ExecutionArgs, payload: unknown): ExecutionResult | Promise<ExecutionResult> {
  const context = args.contextValue;
  const contextValue = isSharedExecutionContext(context) ? context.forEvent() : context;
  return execute({ ...args, rootValue: payload, contextValue });
}

/** An iterator over `source` mapped through `map`, passing `return()` through to the source. */
function mapStream<T, R>(source: AsyncIterable<T>, map: (value: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    async next(): Promise<IteratorResult<R>> {
      const step = await iterator.next();
      if (step.done) return { done: true, value: undefined };
      return { done: false, value: await map(step.value) };
    },
    async return(): Promise<IteratorResult<R>> {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown): Promise<IteratorResult<R>> {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
