/**
 * A live feed of shared payloads, read two ways. The fan-out polls it synchronously and is called
 * back when there is more (no promise per event per subscriber: with 10,000
 * subscribers those promise chains were most of the delivery time); anything
 * else can still iterate it as an ordinary async iterator.
 */
import type { LivePayload } from './live-payload';

type Step<T> = IteratorResult<LivePayload<T>, undefined>;
export const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export abstract class LiveStream<T> implements AsyncIterableIterator<LivePayload<T>> {
  private listener: (() => void) | null = null;

  /**
   * The next value if there is one now, DONE once the stream has ended, or
   * `undefined`: then the listener given to {@link listen} is called when
   * polling again may give more. Throws (once) the error that ended the stream.
   */
  abstract poll(): Step<T> | undefined;

  /** Ends the stream; what it held is dropped. */
  protected abstract close(): void;

  /** Calls `listener` once, the next time the stream has news (a value, its end). Replaces an earlier listener. */
  listen(listener: () => void): void {
    this.listener = listener;
  }

  /** For subclasses: something changed that a poll should see. */
  protected notify(): void {
    const listener = this.listener;
    if (!listener) return;
    this.listener = null;
    listener();
  }

  async next(): Promise<Step<T>> {
    for (;;) {
      const step = this.poll();
      if (step) return step;
      await new Promise<void>((resolve) => this.listen(resolve));
    }
  }

  return(): Promise<Step<T>> {
    this.close();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<Step<T>> {
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
