/**
 * After any mutation on this replica, trackIssue reads afresh: most writes
 * append issue events (which clear the tracker cache anyway), but a renamed
 * category or grid appends none. Cleared before the answer leaves, so the
 * writer's next query sees its write.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { TrackedIssueCache } from '../modules/tracking/tracked-issue-cache';

export function writesClearTracked<T extends object>(trackedIssues: TrackedIssueCache): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') trackedIssues.clear();
        },
      };
    },
  };
}
