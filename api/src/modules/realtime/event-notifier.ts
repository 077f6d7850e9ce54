/**
 * The seam between writers and the live feeds. Whoever commits a transaction
 * that appended IssueEvent rows calls `eventsCommitted()` afterwards; the
 * realtime module then publishes from the committed rows (by `seq`), so an
 * event is never published before its commit, nor lost after it.
 */
export interface EventNotifier {
  eventsCommitted(): void;
}

/** For code that runs without live feeds (scripts, seeders, unit tests): nothing listens. */
export const silentNotifier: EventNotifier = {
  eventsCommitted() {},
};
