/**
 * @lastmeter/sdk — the typed client of the Lastmeter GraphQL API, for Node and
 * browsers. Start with {@link createClient}.
 *
 * @packageDocumentation
 */
export { createClient } from './client.js';
export type { ClientOptions, IssueEventsArgs, IssueTrackedArgs, IterateOptions, LastmeterClient, TokenSource } from './client.js';
export { ClientErrorCode, ErrorCode, isLastmeterError, LastmeterError, redact } from './errors.js';
export type { GraphQLErrorShape, LastmeterErrorCode, LastmeterErrorInit } from './errors.js';
export { newIdempotencyKey } from './idempotency.js';
export { mutationDocuments, queryDocuments } from './methods.js';
export type { ArgsParameter, FieldMethod, MutationMethods, QueryMethods, ReportIssueArgs, ResultOf, TypedDocument, VariablesOf } from './methods.js';
export { paginate } from './paginate.js';
export type { PhotoSource, UploadedPhoto } from './upload.js';
export type { Page } from './paginate.js';
export type { RetryOptions } from './retry.js';
export type { LiveFeed } from './subscriptions.js';
export type * from './types.js';
// Generated: enums as string unions, input types, each operation's result and
// variables types, and the typed documents (e.g. CadreDutiesDocument for `request`).
export * from './generated/graphql.js';
