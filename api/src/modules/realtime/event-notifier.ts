/**
 * The seam between writers and the live feeds. Whoever commits a transaction
 * that appended IssueEvent rows calls `eventsCommitted()` afterwards; the
 * realtime module then publishes from the committed rows (by `seq`), so an
 * event is never published before its commit, nor lost after it.
 */
export interface EventNotifier {
  eventsCommitted(): void;
}

/** Until the realtime module is wired in: nothing listens. */
export const silentNotifier: EventNotifier = {
  eventsCommitted() {},
};
