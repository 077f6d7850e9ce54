/**
 * Walks a cursor-paginated connection page by page as an AsyncIterable of its
 * nodes, and refuses to loop for ever on a server whose cursor does not move.
 */
import { ClientErrorCode, LastmeterError } from './errors.ts';

/** The part of a GraphQL connection that paging needs. */
export interface Page<T> {
  edges: ReadonlyArray<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Yields every node of every page. `loadPage(after)` fetches the page after a
 * cursor (`null`: the first page). Throws a {@link LastmeterError} with code
 * `CURSOR_NOT_ADVANCING` when a page claims a next page but its `endCursor` is
 * missing or was already seen.
 *
 * @example
 * for await (const issue of paginate((after) => client.issues({ first: 100, after })))
 *   console.log(issue.trackingCode);
 */
export async function* paginate<T>(loadPage: (after: string | null) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: Page<T> = await loadPage(after);
    for (const edge of page.edges) yield edge.node;
    if (!page.pageInfo.hasNextPage) return;
    const next = page.pageInfo.endCursor ?? null;
    if (next === null || seen.has(next)) {
      throw new LastmeterError({
        code: ClientErrorCode.CURSOR_NOT_ADVANCING,
        message:
          next === null
            ? 'The server said there is a next page but gave no endCursor; stopping instead of starting over.'
            : `The server answered endCursor "${next}" a second time; stopping instead of looping for ever.`,
      });
    }
    seen.add(next);
    after = next;
  }
}
