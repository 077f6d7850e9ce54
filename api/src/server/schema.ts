/** Builds the executable schema from the type-graphql resolvers: one list, one place. */
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type PubSub } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { CadreResolver } from '../modules/cadres/cadre.resolver';
import { CategoryResolver } from '../modules/categories/category.resolver';
import { GridResolver, GridWorkerResolver } from '../modules/grids/grid.resolver';
import { IssueEventResolver, IssueResolver } from '../modules/issues/issue.resolver';
import { IssueWorkflowResolver } from '../modules/issues/issue-workflow.resolver';
import { PerformanceResolver } from '../modules/performance/performance.resolver';
import { PortalResolver } from '../modules/portals/portal.resolver';
import { RealtimeResolver } from '../modules/realtime/realtime.resolver';
import { RegionResolver } from '../modules/regions/region.resolver';
import { StatsResolver } from '../modules/stats/stats.resolver';
import { TrackingResolver } from '../modules/tracking/tracking.resolver';
import { GridVisitsResolver, VisitResolver } from '../modules/visits/visit.resolver';
import { authChecker } from './auth-checker';
import { DateTimeISO } from './date-time';

export const resolvers = [
  AuthResolver,
  CadreResolver,
  CategoryResolver,
  GridResolver,
  GridWorkerResolver,
  IssueResolver,
  IssueEventResolver,
  IssueWorkflowResolver,
  PerformanceResolver,
  PortalResolver,
  RealtimeResolver,
  RegionResolver,
  StatsResolver,
  TrackingResolver,
  VisitResolver,
  GridVisitsResolver,
] as const;

export function buildLastmeterSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers] as [Function, ...Function[]],
    authChecker,
    scalarsMap: [{ type: Date, scalar: DateTimeISO }],
    validate: false,
    // Our subscriptions bring their own `subscribe`; type-graphql still insists on a PubSub.
    pubSub: pubSub ?? createPubSub(),
  });
}
