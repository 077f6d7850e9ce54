/**
 * trackIssue's cache (modules/tracking/tracked-issue-cache.ts): one load per
 * code while nothing changes, shared by requests that arrive together; a
 * clear drops answers and loads still running; unknown codes, failed loads
 * and answers older than the bound are not kept.
 */
import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { TrackedIssueCache } from '../../api/src/modules/tracking/tracked-issue-cache';
import type { TrackedIssue } from '../../api/src/modules/tracking/tracked-issue.type';

const CODE = 'LM-7K3M-Q9TX-2BDE';

/** A loader that records its calls and answers when told, with a version number in `status`. */
function loader() {
  const calls: string[] = [];
  const pending: { code: string; resolve: (value: TrackedIssue | null) => void; reject: (error: Error) => void }[] = [];
  const load = (code: string) =>
    new Promise<TrackedIssue | null>((resolve, reject) => {
      calls.push(code);
      pending.push({ code, resolve, reject });
    });
  const answer = (version: number) => pending.shift()!.resolve({ trackingCode: CODE, status: `V${version}` } as unknown as TrackedIssue);
  return { load, calls, pending, answer };
}

const status = async (p: Promise<TrackedIssue | null>) => ((await p) as unknown as { status: string } | null)?.status ?? null;

describe('TrackedIssueCache', () => {
  it('loads a code once, for the requests that arrive together and those after, whatever the spelling', async () => {
    const db = loader();
    const cache = new TrackedIssueCache(db.load);
    const first = cache.get(CODE);
    const together = cache.get(CODE.toLowerCase());
    db.answer(1);
    assert.equal(await status(first), 'V1');
    assert.equal(await status(together), 'V1');
    assert.equal(await status(cache.get(CODE.replace(/-/g, ' '))), 'V1');
    assert.deepEqual(db.calls, [CODE]);
  });

  it('reads afresh after a clear, and does not keep a load that was running during it', async () => {
    const db = loader();
    const cache = new TrackedIssueCache(db.load);
    const before = cache.get(CODE);
    cache.clear();
    const after = cache.get(CODE);
    assert.equal(db.calls.length, 2, 'a request after the clear does not join the load begun before it');
    db.answer(1);
    db.answer(2);
    assert.equal(await status(before), 'V1');
    assert.equal(await status(after), 'V2');
    assert.equal(await status(cache.get(CODE)), 'V2', 'the load begun after the clear is the one kept');
    assert.equal(db.calls.length, 2);

    cache.clear();
    const again = cache.get(CODE);
    db.answer(3);
    assert.equal(await status(again), 'V3');
  });

  it('keeps neither unknown codes nor failed loads, and never loads what is no tracking code', async () => {
    const db = loader();
    const cache = new TrackedIssueCache(db.load);
    const missing = cache.get(CODE);
    db.pending.shift()!.resolve(null);
    assert.equal(await missing, null);
    assert.equal(cache.size, 0);

    const failing = cache.get(CODE);
    db.pending.shift()!.reject(new Error('connection lost'));
    await assert.rejects(failing, /connection lost/);
    assert.equal(cache.size, 0);

    assert.equal(await cache.get('not a code'), null);
    assert.deepEqual(db.calls, [CODE, CODE]);
  });

  it('keeps an answer no longer than its bound', async () => {
    const db = loader();
    const cache = new TrackedIssueCache(db.load, { ttlMs: 40 });
    const first = cache.get(CODE);
    db.answer(1);
    await first;
    await status(cache.get(CODE));
    assert.equal(db.calls.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const later = cache.get(CODE);
    assert.equal(db.calls.length, 2);
    db.answer(2);
    assert.equal(await status(later), 'V2');
  });

  it('keeps at most its bound of codes', async () => {
    const codes = ['LM-0000-0000-0001', 'LM-0000-0000-0002', 'LM-0000-0000-0003'];
    let loads = 0;
    const cache = new TrackedIssueCache(
      async (code) => {
        loads++;
        return { trackingCode: code } as unknown as TrackedIssue;
      },
      { max: 2 },
    );
    for (const code of codes) await cache.get(code);
    assert.equal(cache.size, 2);
    await cache.get(codes[0]);
    assert.equal(loads, 4, 'the least recently used code was let go');
  });
});
