/**
 * The console's door to the API: one @lastmeter/sdk client per endpoint whose
 * token is read from the tab's session before every call, so signing in, out,
 * or again after an expiry needs no new client. A refused token (UNAUTHENTICATED)
 * expires the session, which brings the sign-in back.
 */
import { createClient, type DuplicateCandidate, type LastmeterClient, type VisitKind } from '@lastmeter/sdk';
import { errorCodeOf } from './client';
import { webSocketUrl } from './endpoint';
import { session, type SessionUser } from './console-session';

export type { Cadre, DuplicateCandidate, Issue, IssueAction, IssueEvent, IssueStatus, IssueSummary, User } from '@lastmeter/sdk';

const clients = new Map<string, LastmeterClient>();

export function consoleClient(endpoint: string): LastmeterClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = createClient({
      url: endpoint,
      wsUrl: webSocketUrl(endpoint),
      token: () => session.token(),
      // Moves are sent once by the console (the offline queue resends with a key); reads retry once.
      retry: { retries: 1 },
    });
    clients.set(endpoint, client);
  }
  return client;
}

/** Runs a call; a refused token expires the session (and the error goes on to the caller). */
export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (errorCodeOf(error) === 'UNAUTHENTICATED' && session.get()) session.expire();
    throw error;
  }
}

/** Signs in and keeps the session (the token only in memory and sessionStorage). */
export async function signIn(endpoint: string, username: string, password: string): Promise<SessionUser> {
  const client = consoleClient(endpoint);
  const { token, user } = await client.login({ username, password });
  // login() stores the token as a string; the session stays the one source.
  client.setToken(() => session.token());
  const grids = user.cadre?.grids ?? (user.gridWorker ? [user.gridWorker.grid] : []);
  const signedIn: SessionUser = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    cadreId: user.cadre?.id ?? null,
    scopeRegionId: user.scopeRegion?.id ?? null,
    grids: grids.map((g) => ({ id: g.id, name: g.name })),
  };
  session.set({ token, user: signedIn });
  return signedIn;
}

/**
 * A grid's latest visits. `Grid.visits` is served by the API but not (yet) part of
 * the public contract, so it has no typed SDK document: sent as text, typed here.
 */
const GRID_VISITS = `query GridVisits($id: ID!, $first: Int) {
  grid(id: $id) { id visits(first: $first) { id kind notes households at cadre { id name } } }
}`;

export interface VisitRow {
  id: string;
  kind: VisitKind;
  notes?: string | null;
  households?: number | null;
  at: string;
  cadre?: { id: string; name: string } | null;
  gridId: string;
}

/** The visits of the grids one works in, newest first. */
export async function gridVisits(endpoint: string, gridIds: string[]): Promise<VisitRow[]> {
  const client = consoleClient(endpoint);
  const lists = await Promise.all(
    gridIds.map((id) =>
      call(() => client.request<{ grid: { visits: Omit<VisitRow, 'gridId'>[] } | null }>(GRID_VISITS, { id, first: 50 })).then((r) =>
        (r.grid?.visits ?? []).map((v) => ({ ...v, gridId: id })),
      ),
    ),
  );
  return lists.flat().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** The issues the API suggests merging this one into (`Issue.duplicateCandidates`). */
export function duplicateCandidates(endpoint: string, issueId: string, first = 5): Promise<DuplicateCandidate[]> {
  return consoleClient(endpoint).duplicateCandidates({ id: issueId, first });
}

/** The first GraphQL error's extensions (empty when there are none). */
export function extensionsOf(error: unknown): Record<string, unknown> {
  return (error as { graphQLErrors?: { extensions?: Record<string, unknown> }[] } | null)?.graphQLErrors?.[0]?.extensions ?? {};
}

/** Seconds to wait, from a RATE_LIMITED error's `retryAfterSeconds` (or its message). */
export function retryAfterSeconds(error: unknown): number | undefined {
  const value = extensionsOf(error).retryAfterSeconds;
  if (typeof value === 'number') return value;
  const match = /in (\d+) seconds/.exec((error as { message?: string } | null)?.message ?? '');
  return match ? Number(match[1]) : undefined;
}
