/** Builds the executable schema from the type-graphql resolvers: one list, one place. */
import { GraphQLEnumType, GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type PubSub } from 'type-graphql';
import { ERROR_CODE_DESCRIPTIONS, ErrorCode } from '../error-codes';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { ImportReportType } from '../modules/onboarding/import-report.type';
import { CadreResolver } from '../modules/cadres/cadre.resolver';
import { CategoryResolver } from '../modules/categories/category.resolver';
import { GridResolver, GridWorkerResolver } from '../modules/grids/grid.resolver';
import { IssueEventResolver, IssueResolver } from '../modules/issues/issue.resolver';
import { IssueWorkflowResolver } from '../modules/issues/issue-workflow.resolver';
import { PerformanceResolver } from '../modules/performance/performance.resolver';
import { WebhookResolver } from '../modules/outbound/webhook.resolver';
import { IssuePhotosResolver, TrackedIssuePhotosResolver } from '../modules/photos/photo.resolver';
import { PortalResolver } from '../modules/portals/portal.resolver';
import { RealtimeResolver } from '../modules/realtime/realtime.resolver';
import { RegionResolver } from '../modules/regions/region.resolver';
import { StatsResolver } from '../modules/stats/stats.resolver';
import { TrackingResolver } from '../modules/tracking/tracking.resolver';
import { GridVisitsResolver, VisitResolver } from '../modules/visits/visit.resolver';
import { authChecker } from './auth-checker';
import { DateTimeISO } from './date-time';

export const resolvers = [
  AuditResolver,
  AuthResolver,
  CadreResolver,
  CategoryResolver,
  GridResolver,
  GridWorkerResolver,
  IssueResolver,
  IssueEventResolver,
  IssueWorkflowResolver,
  IssuePhotosResolver,
  TrackedIssuePhotosResolver,
  PerformanceResolver,
  PortalResolver,
  RealtimeResolver,
  RegionResolver,
  StatsResolver,
  TrackingResolver,
  VisitResolver,
  GridVisitsResolver,
  WebhookResolver,
] as const;

/**
 * The codes of `extensions.code`, emitted into the schema (no field returns
 * them, so it is added as a type of its own) so that clients, the SDK's
 * generated `ErrorCode` among them, take them from the contract.
 */
const ErrorCodeEnum = new GraphQLEnumType({
  name: 'ErrorCode',
  description: 'Every `extensions.code` the Lastmeter API returns in an error. Switch on it with a default branch: a proxy may answer with others.',
  values: Object.fromEntries(Object.values(ErrorCode).map((code) => [code, { value: code, description: ERROR_CODE_DESCRIPTIONS[code] }])),
});

export async function buildLastmeterSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers] as [Function, ...Function[]],
    authChecker,
    // The contract's ImportReport is the JSON of POST /imports/...: in the schema, though no field returns it.
    orphanedTypes: [ImportReportType],
    // Also refuses dates PostgreSQL cannot store (year 0, six-digit years) as bad input.
    scalarsMap: [{ type: Date, scalar: DateTimeISO }],
    validate: false,
    // Our subscriptions bring their own `subscribe`; type-graphql still insists on a PubSub.
    pubSub: pubSub ?? createPubSub(),
  });
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ErrorCodeEnum] });
}
