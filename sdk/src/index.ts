/**
 * @lastmeter/sdk — the typed client of the Lastmeter GraphQL API, for Node and
 * browsers. Start with {@link createClient}.
 *
 * @packageDocumentation
 */
export { createClient } from './client.ts';
export type { ClientOptions, IssueEventsArgs, IssueTrackedArgs, IterateOptions, LastmeterClient, TokenSource } from './client.ts';
export { ClientErrorCode, ErrorCode, isLastmeterError, LastmeterError, redact } from './errors.ts';
export type { GraphQLErrorShape, LastmeterErrorCode, LastmeterErrorInit } from './errors.ts';
export { newIdempotencyKey } from './idempotency.ts';
export { mutationDocuments, queryDocuments } from './methods.ts';
export type { ArgsParameter, FieldMethod, MutationMethods, QueryMethods, ReportIssueArgs, ResultOf, TypedDocument, VariablesOf } from './methods.ts';
export { paginate } from './paginate.ts';
export type { Page } from './paginate.ts';
export type { RetryOptions } from './retry.ts';
export type { LiveFeed } from './subscriptions.ts';
export type * from './types.ts';
// Generated: enums as string unions, input types, each operation's result and
// variables types, and the typed documents (e.g. CadreDutiesDocument for `request`).
export * from './generated/graphql.ts';
