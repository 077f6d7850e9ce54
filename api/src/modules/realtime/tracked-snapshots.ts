/**
 * TrackedIssue snapshots for the live tracker, built by the same loader as
 * the `trackIssue` query (so both always show the public exactly the same),
 * once per changed tracking code per batch of events, whatever the number of
 * its subscribers.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadTrackedIssue } from '../tracking/tracking.service';
import type { TrackedIssue } from '../tracking/tracked-issue.type';
import { LivePayload } from './live-payload';

/**
 * A snapshot as a stream payload. Every change of an issue appends to its
 * timeline, so the timeline's length orders snapshots: a longer one is newer.
 * A merged report follows its primary, whose changes lengthen the primary's
 * timeline: both lengths count.
 */
export function trackedPayload(tracked: TrackedIssue): LivePayload<TrackedIssue> {
  return new LivePayload(tracked, tracked.timeline.length + (tracked.mergedInto?.timeline.length ?? 0));
}

/** Snapshots by (canonical) tracking code; codes that match no issue are absent. */
export async function loadTrackedSnapshots(em: EntityManager, codes: readonly string[]): Promise<Map<string, LivePayload<TrackedIssue>>> {
  const loaded = await Promise.all(codes.map((code) => loadTrackedIssue(em, code)));
  const out = new Map<string, LivePayload<TrackedIssue>>();
  for (const tracked of loaded) if (tracked) out.set(tracked.trackingCode, trackedPayload(tracked));
  return out;
}
