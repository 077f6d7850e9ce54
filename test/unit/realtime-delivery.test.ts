/**
 * A live subscription's delivery to its channel: in order even when an
 * earlier result is still executing, only while the channel takes more,
 * nothing after the client completed, and the stream's error as its end.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { IssueEventType, IssueStatus } from '../../api/src/domain/enums';
import type { CommittedEvent } from '../../api/src/modules/realtime/committed-events';
import { IssueEventFeed } from '../../api/src/modules/realtime/issue-event-feed';
import { LiveDelivery, type LiveChannel } from '../../api/src/modules/realtime/live-delivery';
import { LivePayload } from '../../api/src/modules/realtime/live-payload';

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

class FakeChannel implements LiveChannel {
  readonly sent: string[] = [];
  writable = true;
  private waiting: (() => void)[] = [];
  encode = (result: object) => JSON.stringify(result);
  sendNext(payload: Buffer): void {
    this.sent.push(payload.toString());
  }
  whenWritable(wake: () => void): void {
    this.waiting.push(wake);
  }
  drain(): void {
    this.writable = true;
    for (const wake of this.waiting.splice(0)) wake();
  }
}

function event(seq: number): CommittedEvent {
  return {
    seq,
    trackingCode: 'LM-0000-0000-0000',
    followerCodes: [],
    facts: { gridId: 'g', assigneeId: null, regionPath: '/city/' },
    event: { id: String(seq), cursor: `c${seq}`, issueId: 'i', type: IssueEventType.COMMENTED, fromStatus: null, toStatus: IssueStatus.ACCEPTED, note: null, publicNote: null, actorName: null, at: new Date(0).toISOString() },
  };
}

function feed(read: (after: number, limit: number) => Promise<CommittedEvent[]> = async () => [], catchUp = false) {
  const state = { closed: false };
  const stream = new IssueEventFeed({
    viewer: () => null,
    filter: {},
    startAfter: 0,
    catchUp,
    read,
    maxQueued: 8,
    pageSize: 4,
    payloadOf: (e) => new LivePayload(e.event, e.seq),
    onClose: () => {
      state.closed = true;
    },
  });
  return { stream, state };
}

/** Results per payload: `slow` seqs execute asynchronously until released. */
function results(slow: Set<number>) {
  const release: (() => void)[] = [];
  const resultOf = (payload: LivePayload<unknown>) =>
    payload.resultFor('key', () => {
      const json = JSON.stringify({ data: { seq: payload.seq } });
      if (!slow.has(payload.seq)) return json;
      return new Promise<string>((resolve) => release.push(() => resolve(json)));
    });
  return { resultOf, release };
}

const seqs = (channel: FakeChannel) => channel.sent.map((text) => (JSON.parse(text) as { data: { seq: number } }).data.seq);

describe('a live delivery', () => {
  it('keeps the order when an earlier result is still executing', async () => {
    const { stream } = feed();
    const channel = new FakeChannel();
    const { resultOf, release } = results(new Set([1]));
    new LiveDelivery(stream, resultOf, channel);
    for (const seq of [1, 2, 3]) stream.offer(seq, new LivePayload(event(seq).event, seq));
    await turns();
    assert.deepEqual(seqs(channel), [], 'the first one is still executing');
    release.forEach((go) => go());
    await turns();
    assert.deepEqual(seqs(channel), [1, 2, 3]);
  });

  it('sends only while the channel takes more, and goes on once it drained', async () => {
    const { stream } = feed();
    const channel = new FakeChannel();
    new LiveDelivery(stream, results(new Set()).resultOf, channel);
    channel.writable = false;
    for (const seq of [1, 2]) stream.offer(seq, new LivePayload(event(seq).event, seq));
    await turns();
    assert.deepEqual(seqs(channel), []);
    channel.drain();
    await turns();
    assert.deepEqual(seqs(channel), [1, 2]);
  });

  it('sends nothing more once the client completed, and stops listening', async () => {
    const { stream, state } = feed();
    const channel = new FakeChannel();
    const delivery = new LiveDelivery(stream, results(new Set()).resultOf, channel);
    const end = delivery.next();
    stream.offer(1, new LivePayload(event(1).event, 1));
    await delivery.return();
    await turns();
    assert.deepEqual(seqs(channel), []);
    assert.equal(state.closed, true);
    assert.deepEqual(await end, { done: true, value: undefined });
  });

  it('ends with the error of a failed catch-up read, after what was read before it', async () => {
    let reads = 0;
    const { stream, state } = feed(async (after) => {
      if (reads++ === 0) return [1, 2, 3, 4].map((seq) => event(after + seq));
      throw new Error('database away');
    }, true);
    const channel = new FakeChannel();
    const delivery = new LiveDelivery(stream, results(new Set()).resultOf, channel);
    await assert.rejects(delivery.next(), /database away/);
    assert.deepEqual(seqs(channel), [1, 2, 3, 4]);
    assert.equal(state.closed, true);
  });

  it('ends with the error of a failed execution, and stops listening', async () => {
    const { stream, state } = feed();
    const channel = new FakeChannel();
    const delivery = new LiveDelivery(
      stream,
      (payload) =>
        payload.resultFor('key', () => {
          throw new Error('cannot execute');
        }),
      channel,
    );
    stream.offer(1, new LivePayload(event(1).event, 1));
    await assert.rejects(delivery.next(), /cannot execute/);
    assert.equal(state.closed, true);
    assert.deepEqual(seqs(channel), []);
  });
});
