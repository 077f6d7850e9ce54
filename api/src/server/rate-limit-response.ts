/**
 * RATE_LIMITED as HTTP says it: a `Retry-After` header with the seconds to
 * wait, and status 429 where the GraphQL-over-HTTP spec allows one — when
 * the client takes `application/graphql-response+json` and the request as a
 * whole failed (no data). Under `application/json` the spec asks for 200.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

/** Whether the Accept header prefers application/graphql-response+json to application/json (q first, then order). */
export function prefersGraphQLResponse(accept: string | undefined | null): boolean {
  if (!accept) return false;
  const ranked = accept.split(',').map((part, index) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    return { type, q: Number.isFinite(q) ? q : 0, index };
  });
  const rank = (type: string) => ranked.find((r) => r.type === type) ?? ranked.find((r) => r.type === 'application/*' || r.type === '*/*');
  const graphql = rank(GRAPHQL_RESPONSE);
  if (!graphql || graphql.q === 0) return false;
  const json = rank(JSON_TYPE);
  if (!json || json.q === 0) return true;
  return graphql.q > json.q || (graphql.q === json.q && graphql.type === GRAPHQL_RESPONSE && (json.type !== JSON_TYPE || graphql.index < json.index));
}

export function rateLimitResponse<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          const limited = errors?.filter((error) => error.extensions?.code === ErrorCode.RATE_LIMITED) ?? [];
          if (limited.length === 0) return;
          const seconds = Math.max(1, ...limited.map((error) => Math.ceil(Number(error.extensions?.retryAfterSeconds) || 1)));
          response.http.headers.set('retry-after', String(seconds));
          if ((data === null || data === undefined) && prefersGraphQLResponse(request.http?.headers.get('accept'))) response.http.status = 429;
        },
      };
    },
  };
}
