/**
 * Friendly names for the shapes the client's methods return (each is the
 * generated type of one fragment in operations/fragments.graphql).
 */
import type * as g from './generated/graphql.ts';

/** An issue with its timeline, as `issue` and every transition return it. */
export type Issue = g.IssueFieldsFragment;
/** An issue without its timeline, as lists and live events carry it. */
export type IssueSummary = g.IssueSummaryFieldsFragment;
/** An issue offered as a primary to merge another into (`duplicateCandidates`). */
export type DuplicateCandidate = NonNullable<g.DuplicateCandidatesQuery['issue']>['duplicateCandidates'][number];
/** One step of an issue's timeline. */
export type TimelineEvent = g.IssueEventFieldsFragment;
/** One event of the live staff feed (`issueEvents`), with its issue. */
export type IssueEvent = g.IssueEventsSubscription['issueEvents'];
/** A page of issues: edges, pageInfo and totalCount. */
export type IssueConnection = g.IssueConnectionFieldsFragment;
/** What the public may see of an issue, by tracking code. */
export type TrackedIssue = g.TrackedIssueFieldsFragment;
/** One step of the public timeline. */
export type PublicIssueEvent = TrackedIssue['timeline'][number];
/** An issue category with its deadlines. */
export type Category = g.CategoryFieldsFragment;
/** A region with its parent. */
export type Region = g.RegionFieldsFragment;
/** A region with its children and grids. */
export type RegionDetail = g.RegionDetailFieldsFragment;
/** A grid with its region and boundary. */
export type Grid = g.GridFieldsFragment;
/** A grid with its cadres and workers too. */
export type GridDetail = g.GridDetailFieldsFragment;
/** A cadre with the grids it is assigned to. */
export type Cadre = g.CadreFieldsFragment;
/** A grid worker with its grid. */
export type GridWorker = g.GridWorkerFieldsFragment;
/** A user account. */
export type User = g.UserFieldsFragment;
/** Aggregate issue figures. */
export type IssueStats = g.IssueStatsFieldsFragment;
/** A recorded visit. */
export type Visit = g.VisitFieldsFragment;
/** A portal key (its `key` only in the answer to `createPortalKey`). */
export type PortalKey = g.PortalKeyFieldsFragment;
/** A webhook (its `secret` only in the answer to `createWebhook`). */
export type Webhook = g.WebhookFieldsFragment;
/** One delivery of an event to a webhook. */
export type WebhookDelivery = g.WebhookDeliveryFieldsFragment;
/** The answer to `login`. */
export type AuthPayload = g.LoginMutation['login'];
/** The answer to `reportIssue`: the tracking code and the tracked issue. */
export type ReportIssuePayload = g.ReportIssueMutation['reportIssue'];
