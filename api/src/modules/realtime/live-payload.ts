/**
 * What a live stream hands to GraphQL: one value (an issue event, a tracked
 * issue) that is shared by every subscriber it goes to, together with the
 * execution results already built from it. Subscribers that ask the same
 * question (same document, variables and viewer) get one execution between
 * them instead of one each — the fan-out cost of issue 5 §6.
 */
import type { ExecutionResult } from 'graphql';

export class LivePayload<T> {
  private results?: Map<string, ExecutionResult | Promise<ExecutionResult>>;

  /**
   * @param value the root value of the subscription field
   * @param seq the value's version — an event's sequence number, a tracked issue's timeline length: streams never go back to a lower one
   */
  constructor(
    readonly value: T,
    readonly seq: number,
  ) {}

  /** The result for `shareKey`, executing only the first time it is asked for. */
  resultFor(shareKey: string, execute: () => ExecutionResult | Promise<ExecutionResult>): ExecutionResult | Promise<ExecutionResult> {
    this.results ??= new Map();
    let result = this.results.get(shareKey);
    if (result === undefined) {
      result = execute();
      this.results.set(shareKey, result);
    }
    return result;
  }
}
