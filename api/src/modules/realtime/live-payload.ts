/**
 * What a live stream hands to GraphQL: one value (an issue event, a tracked
 * issue) that is shared by every subscriber it goes to, together with the
 * results already built from it. Subscribers that ask the same question
 * (same document, variables and viewer) get one execution between them, and
 * one serialisation, instead of one each: with thousands of subscribers, the
 * executions and serialisations were the fan-out's cost.
 */

/**
 * A result every subscriber with one share key sends as it is: the `payload`
 * of a `next` message, serialised and UTF-8 encoded once.
 */
export class SharedResult {
  private state: { payload: Buffer } | { error: unknown } | undefined;
  /** Callbacks of subscribers waiting for an asynchronous execution. */
  private waiting: (() => void)[] | undefined;

  /** @param produce the payload as JSON text */
  constructor(produce: () => string | Promise<string>) {
    let produced: string | Promise<string>;
    try {
      produced = produce();
    } catch (error) {
      this.state = { error };
      return;
    }
    if (typeof produced === 'string') {
      this.state = { payload: Buffer.from(produced) };
      return;
    }
    produced.then(
      (json) => this.settle({ payload: Buffer.from(json) }),
      (error: unknown) => this.settle({ error }),
    );
  }

  get settled(): boolean {
    return this.state !== undefined;
  }

  /** The payload once settled (UTF-8 JSON); throws what the execution threw. */
  get payload(): Buffer {
    const state = this.state;
    if (!state) throw new Error('SharedResult read before it settled');
    if ('error' in state) throw state.error;
    return state.payload;
  }

  /** Calls `wake` once this result is settled: later if it is not yet, never twice. */
  whenSettled(wake: () => void): void {
    if (this.state) return wake();
    (this.waiting ??= []).push(wake);
  }

  private settle(state: { payload: Buffer } | { error: unknown }): void {
    this.state = state;
    const waiting = this.waiting;
    this.waiting = undefined;
    // One loop over every waiting subscriber, rather than one promise reaction each.
    if (waiting) for (const wake of waiting) wake();
  }
}

export class LivePayload<T> {
  private results?: Map<string, SharedResult>;

  /**
   * @param value the root value of the subscription field
   * @param seq the value's version — an event's sequence number, a tracked issue's timeline length: streams never go back to a lower one
   */
  constructor(
    readonly value: T,
    readonly seq: number,
  ) {}

  /** The result for `shareKey`, produced only the first time it is asked for. */
  resultFor(shareKey: string, produce: () => string | Promise<string>): SharedResult {
    this.results ??= new Map();
    let result = this.results.get(shareKey);
    if (result === undefined) {
      result = new SharedResult(produce);
      this.results.set(shareKey, result);
    }
    return result;
  }
}
