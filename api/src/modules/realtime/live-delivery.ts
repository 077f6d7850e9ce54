/**
 * One live subscription delivered straight to its socket. The protocol
 * server (graphql-ws) still owns the subscription — `subscribe`, `complete`,
 * errors, the end of the stream — but `next` messages bypass its
 * per-message path (an awaited promise chain and a full JSON serialisation
 * per subscriber and event): this task polls the stream, takes the shared,
 * already serialised result for its share key, and writes the message when
 * the socket is ready. It is run by the {@link deliveryScheduler}; when it
 * must wait (for the stream, for a shared execution, for the socket to
 * drain) it registers to be woken and returns, holding no promise.
 *
 * To the protocol server it is an async iterator that yields nothing and
 * finishes when the stream does (with the stream's error, if any).
 */
import type { ExecutionResult } from 'graphql';
import { deliveryScheduler, type DeliveryTask } from './delivery-scheduler';
import type { LivePayload, SharedResult } from './live-payload';
import { DONE, type LiveStream } from './live-stream';

/** Where one subscription's `next` messages go, already serialised. */
export interface LiveChannel {
  /**
   * The `payload` of a `next` message carrying `result`, as JSON text (errors formatted for clients). The same for
   * every channel of a server: one subscriber's encoding is shared with the others of its share key.
   */
  encode(result: ExecutionResult): string;
  /** Whether a message written now goes out without piling up behind unsent ones (backpressure). */
  readonly writable: boolean;
  /** Sends a `next` message of this subscription whose payload is `payload` (UTF-8 JSON, shared: not to be modified). */
  sendNext(payload: Buffer): void;
  /** Calls `wake` once, when the channel is writable again. */
  whenWritable(wake: () => void): void;
}

/** Messages one subscription sends per turn, so that a long replay does not hold up everyone's live event. */
const MESSAGES_PER_RUN = 16;

type Outcome = { failed: false } | { failed: true; error: unknown };
const ENDED: Outcome = { failed: false };

export class LiveDelivery<T> implements DeliveryTask, AsyncIterableIterator<never> {
  queued = false;
  /** The result being delivered: taken from the stream, possibly still executing, or waiting for the socket. */
  private current: SharedResult | undefined;
  private outcome: Outcome | undefined;
  private finished: { resolve: (step: IteratorResult<never, undefined>) => void; reject: (error: unknown) => void } | undefined;
  private readonly wake = () => deliveryScheduler.schedule(this);

  /**
   * @param resultOf the shared result of a payload for this subscription's share key
   */
  constructor(
    private readonly source: LiveStream<T>,
    private readonly resultOf: (payload: LivePayload<T>) => SharedResult,
    private readonly channel: LiveChannel,
  ) {
    // The stream may hold something already (a tracker's current snapshot).
    this.wake();
  }

  run(): void {
    for (let sent = 0; !this.outcome; ) {
      if (!this.current) {
        let step: IteratorResult<LivePayload<T>, undefined> | undefined;
        try {
          step = this.source.poll();
        } catch (error) {
          return this.end({ failed: true, error });
        }
        if (!step) return this.source.listen(this.wake);
        if (step.done) return this.end(ENDED);
        this.current = this.resultOf(step.value);
      }
      if (!this.current.settled) return this.current.whenSettled(this.wake);
      if (!this.channel.writable) return this.channel.whenWritable(this.wake);
      if (sent === MESSAGES_PER_RUN) return this.wake();
      let payload: Buffer;
      try {
        payload = this.current.payload;
      } catch (error) {
        return this.end({ failed: true, error });
      }
      this.current = undefined;
      this.channel.sendNext(payload);
      sent++;
    }
  }

  /** Resolves (done) when the stream ends, rejects with the error that ended it. */
  next(): Promise<IteratorResult<never, undefined>> {
    if (this.outcome) return this.outcome.failed ? Promise.reject(this.outcome.error) : Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.finished = { resolve, reject };
    });
  }

  /** The client completed the subscription or went away: stop at once, send nothing more. */
  return(): Promise<IteratorResult<never, undefined>> {
    this.end(ENDED);
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<never, undefined>> {
    this.end(ENDED);
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(outcome: Outcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.current = undefined;
    // Stop listening to the live events (a stream ended by an error has closed itself already).
    void this.source.return();
    const finished = this.finished;
    this.finished = undefined;
    if (!finished) return;
    if (outcome.failed) finished.reject(outcome.error);
    else finished.resolve(DONE);
  }
}
