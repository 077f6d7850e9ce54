/**
 * The API's bounded caches (lru-cache): verified staff tokens, prepared
 * WebSocket documents and recently handed-out live events each keep at most
 * their bound, and a remembered token never outlives its expiry.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { buildSchema } from 'graphql';
import { IssueEventType, IssueStatus } from '../../api/src/domain/enums';
import { TokenService } from '../../api/src/modules/auth/token';
import type { CommittedEvent } from '../../api/src/modules/realtime/committed-events';
import { LiveHub } from '../../api/src/modules/realtime/live-hub';
import { PreparedDocuments } from '../../api/src/server/prepared-documents';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

function clock(start = Date.UTC(2026, 11, 7, 1, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('verified staff tokens', () => {
  it('returns the expiry with the claims, from the one verification', async () => {
    const time = clock();
    const tokens = new TokenService(SECRET, 3600, { now: time.now });
    const token = await tokens.sign({ sub: 'user-1', role: 'ADMIN' });
    assert.deepEqual(await tokens.verify(token), { sub: 'user-1', role: 'ADMIN', expiresAt: time.now() + 3600_000 });
  });

  it('remembers a token only until it expires', async () => {
    const time = clock();
    const tokens = new TokenService(SECRET, 60, { now: time.now });
    const token = await tokens.sign({ sub: 'user-1', role: 'ADMIN' });
    assert.equal((await tokens.verify(token))?.sub, 'user-1');
    assert.equal(tokens.cachedCount, 1);
    time.advance(59_999);
    assert.equal((await tokens.verify(token))?.sub, 'user-1', 'still valid in its last millisecond');
    time.advance(1);
    assert.equal(await tokens.verify(token), null, 'expired: the remembered claims are not handed out');
    assert.equal(tokens.cachedCount, 0, 'and the expired entry is gone from the cache');
  });

  it('keeps at most cacheSize tokens', async () => {
    const time = clock();
    const tokens = new TokenService(SECRET, 3600, { now: time.now, cacheSize: 3 });
    for (let i = 0; i < 10; i++) {
      const token = await tokens.sign({ sub: `user-${i}`, role: 'CADRE' });
      assert.equal((await tokens.verify(token))?.sub, `user-${i}`);
      assert.ok(tokens.cachedCount <= 3, `at most 3 remembered, found ${tokens.cachedCount}`);
    }
    assert.equal(tokens.cachedCount, 3);
  });

  it('never remembers a forged token', async () => {
    const tokens = new TokenService(SECRET, 3600);
    const other = new TokenService('another-secret-of-at-least-thirty-two-chars', 3600);
    const forged = await other.sign({ sub: 'user-1', role: 'ADMIN' });
    assert.equal(await tokens.verify(forged), null);
    assert.equal(tokens.cachedCount, 0);
  });
});

describe('prepared WebSocket documents', () => {
  const schema = buildSchema('type Query { a: String } type Subscription { b: String }');

  it('keeps the least recently used documents out once full', () => {
    const documents = new PreparedDocuments(schema, [], undefined, 10, 2);
    const id = (query: string) => {
      const prepared = documents.get(query);
      assert.ok(!prepared.errors, query);
      return prepared.id;
    };
    const a = id('subscription A { b }');
    const b = id('subscription B { b }');
    assert.equal(id('subscription A { b }'), a, 'a hit is not prepared again');
    id('subscription C { b }'); // full: B, the least recently used, goes
    assert.equal(documents.size, 2);
    assert.equal(id('subscription A { b }'), a, 'A was used after B, so it stayed');
    assert.notEqual(id('subscription B { b }'), b, 'B was prepared again');
    assert.equal(documents.size, 2);
  });
});

describe('recent live events', () => {
  const event = (seq: number): CommittedEvent => ({
    seq,
    event: {
      id: String(seq),
      cursor: `cursor-${seq}`,
      issueId: 'issue',
      type: IssueEventType.SUBMITTED,
      fromStatus: null,
      toStatus: IssueStatus.SUBMITTED,
      note: null,
      publicNote: null,
      actorName: null,
      at: new Date(0).toISOString(),
    },
    facts: { gridId: 'grid', assigneeId: null, regionPath: '/city/' },
    trackingCode: 'LM-0000-0000-0000',
    followerCodes: [],
  });

  it('shares the payload of the newest 256 events with replays, and only theirs', () => {
    const hub = new LiveHub();
    const events = Array.from({ length: 300 }, (_, i) => event(i + 1));
    hub.dispatch(events, new Map());
    // A remembered event hands out the payload live subscribers got; a forgotten one a new payload each time.
    assert.equal(hub.eventPayload(events[299]), hub.eventPayload(events[299]));
    assert.equal(hub.eventPayload(events[300 - 256]), hub.eventPayload(events[300 - 256]));
    assert.notEqual(hub.eventPayload(events[300 - 257]), hub.eventPayload(events[300 - 257]));
    assert.notEqual(hub.eventPayload(events[0]), hub.eventPayload(events[0]));
  });
});
