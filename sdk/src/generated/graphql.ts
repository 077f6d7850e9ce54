/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CadreLevel =
  | 'CITY'
  | 'COUNTY'
  | 'TOWNSHIP'
  | 'VILLAGE';

export type CalendarDayInput = {
  date: string;
  name?: string | null | undefined;
  workday: boolean;
};

export type CreateCadreInput = {
  level: CadreLevel;
  name: string;
  regionId?: string | number | null | undefined;
  unit: string;
};

export type CreateGridInput = {
  /** A simple polygon; its first point need not be repeated at the end. */
  boundary?: Array<PointInput> | null | undefined;
  code: string;
  description?: string | null | undefined;
  kind: GridKind;
  name: string;
  regionId: string | number;
};

export type CreateGridWorkerInput = {
  gridId: string | number;
  name: string;
};

export type CreateRegionInput = {
  code?: string | null | undefined;
  level: RegionLevel;
  name: string;
  parentId?: string | number | null | undefined;
};

export type CreateUserInput = {
  cadreId?: string | number | null | undefined;
  displayName: string;
  gridWorkerId?: string | number | null | undefined;
  password: string;
  role: Role;
  /** A cadre user with a scope region sees that region's whole subtree. */
  scopeRegionId?: string | number | null | undefined;
  username: string;
};

export type CreateWebhookInput = {
  events: Array<IssueEventType>;
  format?: WebhookFormat | null | undefined;
  regionId?: string | number | null | undefined;
  url: string;
};

export type DeliveryStatus =
  /** Gave up after the last retry; redeliver by hand. */
  | 'DEAD'
  | 'FAILED'
  | 'PENDING'
  | 'SUCCEEDED';

export type ExtensionStatus =
  | 'APPROVED'
  | 'DENIED'
  | 'PENDING';

export type FollowUpInput = {
  comment?: string | null | undefined;
  /** Same key, same follow-up: a phone that resends after coming back online records it once. */
  idempotencyKey?: string | null | undefined;
  method: FollowUpMethod;
  satisfaction: Satisfaction;
};

export type FollowUpMethod =
  | 'ONLINE'
  | 'PHONE'
  | 'VISIT';

export type GridKind =
  | 'RURAL'
  | 'URBAN_COMMUNITY';

/** Every move the current viewer may make on this issue now, from the one workflow table and the viewer's scope. */
export type IssueAction =
  | 'ACCEPT'
  | 'ADD_PHOTOS'
  | 'ASSIGN'
  | 'CLOSE'
  | 'COMMENT'
  | 'DECIDE_EXTENSION'
  | 'ESCALATE'
  | 'FOLLOW_UP'
  | 'MERGE'
  | 'REASSIGN'
  | 'REFUSE_RETURN'
  | 'REJECT'
  | 'REOPEN'
  | 'REQUEST_EXTENSION'
  | 'RESOLVE'
  | 'RETURN'
  | 'START'
  | 'SUPERVISE'
  | 'URGE';

export type IssueChannel =
  | 'GOV_APP'
  | 'HOUSEHOLD_VISIT'
  | 'OPEN311'
  | 'PATROL'
  | 'PHONE'
  | 'RESIDENT_GROUP'
  | 'WECHAT_MINIPROGRAM'
  | 'WIDGET';

export type IssueEventFilter = {
  assigneeId?: string | number | null | undefined;
  gridId?: string | number | null | undefined;
  regionId?: string | number | null | undefined;
};

export type IssueEventType =
  | 'ACCEPTED'
  | 'ASSIGNED'
  | 'CLOSED'
  | 'COMMENTED'
  | 'DUE_SOON'
  | 'ESCALATED'
  | 'EXTENSION_APPROVED'
  | 'EXTENSION_DENIED'
  | 'EXTENSION_REQUESTED'
  | 'FOLLOWED_UP'
  | 'MERGED'
  | 'OVERDUE'
  | 'PHOTOS_ADDED'
  | 'PHOTO_VISIBILITY_CHANGED'
  | 'REASSIGNED'
  | 'REJECTED'
  | 'REOPENED'
  | 'RESOLVED'
  | 'RETURNED'
  | 'RETURN_REFUSED'
  | 'STARTED'
  | 'SUBMITTED'
  | 'SUPERVISED'
  | 'UNSUPERVISED'
  | 'URGED';

export type IssueFilter = {
  assigneeId?: string | number | null | undefined;
  categoryCode?: Array<string | number> | null | undefined;
  createdAfter?: string | null | undefined;
  createdBefore?: string | null | undefined;
  gridId?: string | number | null | undefined;
  overdue?: boolean | null | undefined;
  regionId?: string | number | null | undefined;
  search?: string | null | undefined;
  status?: Array<IssueStatus> | null | undefined;
};

export type IssueStatus =
  | 'ACCEPTED'
  | 'ASSIGNED'
  | 'CLOSED'
  | 'FOLLOWED_UP'
  | 'IN_PROGRESS'
  | 'MERGED'
  | 'REJECTED'
  | 'RESOLVED'
  | 'RETURNED'
  | 'SUBMITTED';

export type LocationInput = {
  address?: string | null | undefined;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
};

export type PerformanceGroup =
  | 'CADRE'
  | 'REGION'
  | 'UNIT';

export type PhotoStage =
  /** 处置后: taken after the work; required to resolve where the category asks for it. */
  | 'AFTER'
  /** 处置前: taken on site before the work. */
  | 'BEFORE'
  /** Sent by the resident with the report. */
  | 'REPORT';

export type PointInput = {
  latitude: number;
  longitude: number;
};

export type RegionLevel =
  | 'CITY'
  | 'COMMUNITY'
  | 'COUNTY'
  | 'TOWNSHIP';

export type ReportIssueInput = {
  anonymous?: boolean | null | undefined;
  categoryCode: string | number;
  channel?: IssueChannel | null | undefined;
  description: string;
  /** Either gridId or a location inside a known grid. */
  gridId?: string | number | null | undefined;
  /** Same key, same issue: a retried submission never creates a second one. */
  idempotencyKey: string;
  location?: LocationInput | null | undefined;
  /** The reporter agrees to short messages about this report at reporterPhone. */
  notify?: boolean | null | undefined;
  /** Ids from POST /uploads, at most 9. */
  photoIds?: Array<string | number> | null | undefined;
  reporterName?: string | null | undefined;
  reporterPhone?: string | null | undefined;
  title?: string | null | undefined;
};

export type ReturnReason =
  | 'DUPLICATE'
  | 'INSUFFICIENT_INFORMATION'
  | 'NOT_OUR_RESPONSIBILITY'
  | 'OTHER'
  | 'WRONG_LOCATION';

export type Role =
  | 'ADMIN'
  | 'CADRE'
  | 'GRID_WORKER';

export type Satisfaction =
  | 'BASICALLY_SATISFIED'
  | 'SATISFIED'
  | 'UNSATISFIED';

export type TimeLimitInput = {
  amount: number;
  unit: TimeUnit;
};

export type TimeUnit =
  | 'HOURS'
  | 'WORKING_DAYS'
  | 'WORKING_HOURS';

export type UpdateCategoryInput = {
  name?: string | null | undefined;
  nameEn?: string | null | undefined;
  /** Resolving needs at least one AFTER photo (for every open issue of the category). */
  requiresAfterPhoto?: boolean | null | undefined;
  resolveLimit?: TimeLimitInput | null | undefined;
  responseLimit?: TimeLimitInput | null | undefined;
};

export type UpdateGridInput = {
  boundary?: Array<PointInput> | null | undefined;
  description?: string | null | undefined;
  kind?: GridKind | null | undefined;
  name?: string | null | undefined;
};

export type VisitInput = {
  gridId: string | number;
  households?: number | null | undefined;
  idempotencyKey?: string | null | undefined;
  kind: VisitKind;
  notes?: string | null | undefined;
};

export type VisitKind =
  | 'CHECK_IN'
  | 'HOUSEHOLD_VISIT'
  | 'MEDIATION'
  | 'PATROL'
  | 'POLICY_PUBLICITY'
  | 'RESIDENT_MEETING';

export type WebhookFormat =
  /** 钉钉 group robot message. */
  | 'DINGTALK_ROBOT'
  /** The event as JSON, signed (X-Lastmeter-Signature). */
  | 'JSON'
  /** 企业微信 group robot message. */
  | 'WECOM_ROBOT';

export type CategoryFieldsFragment = { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } };

export type PhotoFieldsFragment = { id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string };

export type RegionFieldsFragment = { id: string, name: string, level: RegionLevel, code: string | null, parent: { id: string, name: string, level: RegionLevel } | null };

export type RegionDetailFieldsFragment = { id: string, name: string, level: RegionLevel, code: string | null, children: Array<{ id: string, name: string, level: RegionLevel, code: string | null, parent: { id: string, name: string, level: RegionLevel } | null }>, grids: Array<{ id: string, code: string, name: string, description: string | null, kind: GridKind, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null }>, parent: { id: string, name: string, level: RegionLevel } | null };

export type GridFieldsFragment = { id: string, code: string, name: string, description: string | null, kind: GridKind, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null };

export type GridDetailFieldsFragment = { id: string, code: string, name: string, description: string | null, kind: GridKind, cadres: Array<{ id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> }>, workers: Array<{ id: string, name: string }>, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null };

export type CadreFieldsFragment = { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> };

export type GridWorkerFieldsFragment = { id: string, name: string, grid: { id: string, code: string, name: string } };

export type UserFieldsFragment = { id: string, username: string, displayName: string, role: Role, active: boolean, cadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } | null, gridWorker: { id: string, name: string, grid: { id: string, code: string, name: string } } | null, scopeRegion: { id: string, name: string, level: RegionLevel } | null };

export type IssueEventFieldsFragment = { id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string };

export type IssueSummaryFieldsFragment = { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null };

export type IssueFieldsFragment = { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null };

export type IssueConnectionFieldsFragment = { totalCount: number, edges: Array<{ cursor: string, node: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } };

export type IssueStatsFieldsFragment = { total: number, open: number, overdue: number, returned: number, extended: number, resolutionRate: number, onTimeRate: number, satisfactionRate: number | null, avgResolveHours: number | null, byStatus: Array<{ status: IssueStatus, count: number }>, byCategory: Array<{ count: number, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } } }> };

export type TrackedIssueFieldsFragment = { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }>, mergedInto: { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }> } | null };

export type CalendarDayFieldsFragment = { date: string, workday: boolean, name: string | null };

export type PerformanceRowFieldsFragment = { key: string, name: string, assigned: number, respondedOnTime: number, resolved: number, resolvedOnTime: number, returned: number, overdue: number, followedUp: number, satisfied: number, reopened: number, responseRate: number | null, resolutionRate: number | null, onTimeRate: number | null, satisfactionRate: number | null, returnRate: number | null, score: number | null, rank: number, cadre: { id: string, name: string, level: CadreLevel, unit: string } | null, region: { id: string, name: string, level: RegionLevel } | null };

export type VisitFieldsFragment = { id: string, kind: VisitKind, notes: string | null, households: number | null, at: string, grid: { id: string, code: string, name: string }, cadre: { id: string, name: string, level: CadreLevel } | null };

export type PortalKeyFieldsFragment = { id: string, name: string, key: string | null, allowedOrigins: Array<string> };

export type WebhookFieldsFragment = { id: string, url: string, format: WebhookFormat, events: Array<IssueEventType>, active: boolean, secret: string | null, region: { id: string, name: string, level: RegionLevel } | null };

export type WebhookDeliveryFieldsFragment = { id: string, eventId: string, status: DeliveryStatus, attempts: number, lastStatusCode: number | null, nextAttemptAt: string | null, deliveredAt: string | null };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, user: { id: string, username: string, displayName: string, role: Role, active: boolean, cadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } | null, gridWorker: { id: string, name: string, grid: { id: string, code: string, name: string } } | null, scopeRegion: { id: string, name: string, level: RegionLevel } | null } } };

export type ReportIssueMutationVariables = Exact<{
  input: ReportIssueInput;
}>;


export type ReportIssueMutation = { reportIssue: { trackingCode: string, issue: { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }>, mergedInto: { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }> } | null } } };

export type AcceptIssueMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type AcceptIssueMutation = { acceptIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type RejectIssueMutationVariables = Exact<{
  id: string | number;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type RejectIssueMutation = { rejectIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type AssignIssueMutationVariables = Exact<{
  id: string | number;
  cadreId: string | number;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type AssignIssueMutation = { assignIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type EscalateIssueMutationVariables = Exact<{
  id: string | number;
  cadreId: string | number;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type EscalateIssueMutation = { escalateIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type StartIssueMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type StartIssueMutation = { startIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type CommentIssueMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
  publicNote?: string | null | undefined;
}>;


export type CommentIssueMutation = { commentIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type ResolveIssueMutationVariables = Exact<{
  id: string | number;
  resolution: string;
  publicNote?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type ResolveIssueMutation = { resolveIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type RecordFollowUpMutationVariables = Exact<{
  id: string | number;
  input: FollowUpInput;
  expectedVersion?: number | null | undefined;
}>;


export type RecordFollowUpMutation = { recordFollowUp: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type CloseIssueMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type CloseIssueMutation = { closeIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type ReopenIssueMutationVariables = Exact<{
  id: string | number;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type ReopenIssueMutation = { reopenIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type RecordVisitMutationVariables = Exact<{
  input: VisitInput;
}>;


export type RecordVisitMutation = { recordVisit: { id: string, kind: VisitKind, notes: string | null, households: number | null, at: string, grid: { id: string, code: string, name: string }, cadre: { id: string, name: string, level: CadreLevel } | null } };

export type CreateRegionMutationVariables = Exact<{
  input: CreateRegionInput;
}>;


export type CreateRegionMutation = { createRegion: { id: string, name: string, level: RegionLevel, code: string | null, parent: { id: string, name: string, level: RegionLevel } | null } };

export type CreateGridMutationVariables = Exact<{
  input: CreateGridInput;
}>;


export type CreateGridMutation = { createGrid: { id: string, code: string, name: string, description: string | null, kind: GridKind, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null } };

export type CreateCadreMutationVariables = Exact<{
  input: CreateCadreInput;
}>;


export type CreateCadreMutation = { createCadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } };

export type AssignCadreMutationVariables = Exact<{
  cadreId: string | number;
  gridId: string | number;
}>;


export type AssignCadreMutation = { assignCadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } };

export type UnassignCadreMutationVariables = Exact<{
  cadreId: string | number;
  gridId: string | number;
}>;


export type UnassignCadreMutation = { unassignCadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } };

export type CreateGridWorkerMutationVariables = Exact<{
  input: CreateGridWorkerInput;
}>;


export type CreateGridWorkerMutation = { createGridWorker: { id: string, name: string, grid: { id: string, code: string, name: string } } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { id: string, username: string, displayName: string, role: Role, active: boolean, cadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } | null, gridWorker: { id: string, name: string, grid: { id: string, code: string, name: string } } | null, scopeRegion: { id: string, name: string, level: RegionLevel } | null } };

export type CreatePortalKeyMutationVariables = Exact<{
  name: string;
  allowedOrigins: Array<string> | string;
}>;


export type CreatePortalKeyMutation = { createPortalKey: { id: string, name: string, key: string | null, allowedOrigins: Array<string> } };

export type ReturnIssueMutationVariables = Exact<{
  id: string | number;
  reason: ReturnReason;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type ReturnIssueMutation = { returnIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type ReassignIssueMutationVariables = Exact<{
  id: string | number;
  cadreId: string | number;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type ReassignIssueMutation = { reassignIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type RefuseReturnMutationVariables = Exact<{
  id: string | number;
  note: string;
  expectedVersion?: number | null | undefined;
}>;


export type RefuseReturnMutation = { refuseReturn: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type RequestExtensionMutationVariables = Exact<{
  id: string | number;
  until: string;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type RequestExtensionMutation = { requestExtension: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type DecideExtensionMutationVariables = Exact<{
  id: string | number;
  approve: boolean;
  note?: string | null | undefined;
  expectedVersion?: number | null | undefined;
}>;


export type DecideExtensionMutation = { decideExtension: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type UrgeIssueMutationVariables = Exact<{
  id: string | number;
  note: string;
}>;


export type UrgeIssueMutation = { urgeIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type SuperviseIssueMutationVariables = Exact<{
  id: string | number;
  supervised: boolean;
  note?: string | null | undefined;
}>;


export type SuperviseIssueMutation = { superviseIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type MergeIssueMutationVariables = Exact<{
  id: string | number;
  intoId: string | number;
  note?: string | null | undefined;
}>;


export type MergeIssueMutation = { mergeIssue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type SetWorkCalendarMutationVariables = Exact<{
  days: Array<CalendarDayInput> | CalendarDayInput;
}>;


export type SetWorkCalendarMutation = { setWorkCalendar: Array<{ date: string, workday: boolean, name: string | null }> };

export type UpdateCategoryMutationVariables = Exact<{
  code: string | number;
  input: UpdateCategoryInput;
}>;


export type UpdateCategoryMutation = { updateCategory: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } } };

export type CreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type CreateWebhookMutation = { createWebhook: { id: string, url: string, format: WebhookFormat, events: Array<IssueEventType>, active: boolean, secret: string | null, region: { id: string, name: string, level: RegionLevel } | null } };

export type SetWebhookActiveMutationVariables = Exact<{
  id: string | number;
  active: boolean;
}>;


export type SetWebhookActiveMutation = { setWebhookActive: { id: string, url: string, format: WebhookFormat, events: Array<IssueEventType>, active: boolean, secret: string | null, region: { id: string, name: string, level: RegionLevel } | null } };

export type RedeliverMutationVariables = Exact<{
  deliveryId: string | number;
}>;


export type RedeliverMutation = { redeliver: { id: string, eventId: string, status: DeliveryStatus, attempts: number, lastStatusCode: number | null, nextAttemptAt: string | null, deliveredAt: string | null } };

export type AddIssuePhotosMutationVariables = Exact<{
  id: string | number;
  photoIds: Array<string | number> | string | number;
  stage: PhotoStage;
}>;


export type AddIssuePhotosMutation = { addIssuePhotos: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } };

export type SetPhotoPublicMutationVariables = Exact<{
  id: string | number;
  public: boolean;
}>;


export type SetPhotoPublicMutation = { setPhotoPublic: { id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string } };

export type UpdateGridMutationVariables = Exact<{
  id: string | number;
  input: UpdateGridInput;
}>;


export type UpdateGridMutation = { updateGrid: { id: string, code: string, name: string, description: string | null, kind: GridKind, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null } };

export type SetUserActiveMutationVariables = Exact<{
  id: string | number;
  active: boolean;
}>;


export type SetUserActiveMutation = { setUserActive: { id: string, username: string, displayName: string, role: Role, active: boolean, cadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } | null, gridWorker: { id: string, name: string, grid: { id: string, code: string, name: string } } | null, scopeRegion: { id: string, name: string, level: RegionLevel } | null } };

export type ResetPasswordMutationVariables = Exact<{
  id: string | number;
}>;


export type ResetPasswordMutation = { resetPassword: { username: string, password: string } };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: string;
  newPassword: string;
}>;


export type ChangePasswordMutation = { changePassword: boolean };

export type CadreDutiesQueryVariables = Exact<{
  id: string | number;
  status?: Array<IssueStatus> | IssueStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CadreDutiesQuery = { cadre: { id: string, duties: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type GridIssuesQueryVariables = Exact<{
  id: string | number;
  filter?: IssueFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GridIssuesQuery = { grid: { id: string, issues: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, displayName: string, role: Role, active: boolean, cadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } | null, gridWorker: { id: string, name: string, grid: { id: string, code: string, name: string } } | null, scopeRegion: { id: string, name: string, level: RegionLevel } | null } | null };

export type CategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type CategoriesQuery = { categories: Array<{ code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }> };

export type RegionsQueryVariables = Exact<{
  parentId?: string | number | null | undefined;
}>;


export type RegionsQuery = { regions: Array<{ id: string, name: string, level: RegionLevel, code: string | null, children: Array<{ id: string, name: string, level: RegionLevel, code: string | null, parent: { id: string, name: string, level: RegionLevel } | null }>, grids: Array<{ id: string, code: string, name: string, description: string | null, kind: GridKind, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null }>, parent: { id: string, name: string, level: RegionLevel } | null }> };

export type RegionQueryVariables = Exact<{
  id: string | number;
}>;


export type RegionQuery = { region: { id: string, name: string, level: RegionLevel, code: string | null, children: Array<{ id: string, name: string, level: RegionLevel, code: string | null, parent: { id: string, name: string, level: RegionLevel } | null }>, grids: Array<{ id: string, code: string, name: string, description: string | null, kind: GridKind, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null }>, parent: { id: string, name: string, level: RegionLevel } | null } | null };

export type GridQueryVariables = Exact<{
  id: string | number;
}>;


export type GridQuery = { grid: { id: string, code: string, name: string, description: string | null, kind: GridKind, cadres: Array<{ id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> }>, workers: Array<{ id: string, name: string }>, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null } | null };

export type GridAtQueryVariables = Exact<{
  latitude: number;
  longitude: number;
}>;


export type GridAtQuery = { gridAt: { id: string, code: string, name: string, description: string | null, kind: GridKind, region: { id: string, name: string, level: RegionLevel }, boundary: Array<{ latitude: number, longitude: number }> | null } | null };

export type CadreQueryVariables = Exact<{
  id: string | number;
}>;


export type CadreQuery = { cadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } | null };

export type CadresQueryVariables = Exact<{
  regionId?: string | number | null | undefined;
  level?: CadreLevel | null | undefined;
}>;


export type CadresQuery = { cadres: Array<{ id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> }> };

export type IssueQueryVariables = Exact<{
  id: string | number;
}>;


export type IssueQuery = { issue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, extension: { id: string, status: ExtensionStatus, requestedDueAt: string, reason: string, requestedBy: string, requestedAt: string, decidedBy: string | null, decidedAt: string | null, decisionNote: string | null } | null, mergedInto: { id: string, trackingCode: string, status: IssueStatus } | null, duplicates: Array<{ id: string, trackingCode: string, status: IssueStatus }>, timeline: Array<{ id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string }>, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } | null };

export type DuplicateCandidatesQueryVariables = Exact<{
  id: string | number;
  within?: number | null | undefined;
  first?: number | null | undefined;
}>;


export type DuplicateCandidatesQuery = { issue: { id: string, duplicateCandidates: Array<{ id: string, trackingCode: string, title: string, status: IssueStatus, createdAt: string, category: { code: string, name: string }, grid: { id: string, name: string } }> } | null };

export type IssuesQueryVariables = Exact<{
  filter?: IssueFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type IssuesQuery = { issues: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TrackIssueQueryVariables = Exact<{
  trackingCode: string;
}>;


export type TrackIssueQuery = { trackIssue: { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }>, mergedInto: { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }> } | null } | null };

export type IssueStatsQueryVariables = Exact<{
  regionId?: string | number | null | undefined;
  gridId?: string | number | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type IssueStatsQuery = { issueStats: { total: number, open: number, overdue: number, returned: number, extended: number, resolutionRate: number, onTimeRate: number, satisfactionRate: number | null, avgResolveHours: number | null, byStatus: Array<{ status: IssueStatus, count: number }>, byCategory: Array<{ count: number, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } } }> } };

export type AuditLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  action?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { edges: Array<{ cursor: string, node: { id: string, at: string, actorName: string, action: string, target: string | null, summary: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WorkCalendarQueryVariables = Exact<{
  year: number;
}>;


export type WorkCalendarQuery = { workCalendar: Array<{ date: string, workday: boolean, name: string | null }> };

export type PerformanceQueryVariables = Exact<{
  groupBy: PerformanceGroup;
  regionId?: string | number | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type PerformanceQuery = { performance: Array<{ key: string, name: string, assigned: number, respondedOnTime: number, resolved: number, resolvedOnTime: number, returned: number, overdue: number, followedUp: number, satisfied: number, reopened: number, responseRate: number | null, resolutionRate: number | null, onTimeRate: number | null, satisfactionRate: number | null, returnRate: number | null, score: number | null, rank: number, cadre: { id: string, name: string, level: CadreLevel, unit: string } | null, region: { id: string, name: string, level: RegionLevel } | null }> };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { webhooks: Array<{ id: string, url: string, format: WebhookFormat, events: Array<IssueEventType>, active: boolean, secret: string | null, deliveries: Array<{ id: string, eventId: string, status: DeliveryStatus, attempts: number, lastStatusCode: number | null, nextAttemptAt: string | null, deliveredAt: string | null }>, region: { id: string, name: string, level: RegionLevel } | null }> };

export type UsersQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type UsersQuery = { users: Array<{ id: string, username: string, displayName: string, role: Role, active: boolean, cadre: { id: string, name: string, level: CadreLevel, unit: string, grids: Array<{ id: string, code: string, name: string }> } | null, gridWorker: { id: string, name: string, grid: { id: string, code: string, name: string } } | null, scopeRegion: { id: string, name: string, level: RegionLevel } | null }> };

export type PortalKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalKeysQuery = { portalKeys: Array<{ id: string, name: string, key: string | null, allowedOrigins: Array<string> }> };

export type IssueEventsSubscriptionVariables = Exact<{
  filter?: IssueEventFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type IssueEventsSubscription = { issueEvents: { id: string, cursor: string, type: IssueEventType, fromStatus: IssueStatus | null, toStatus: IssueStatus, note: string | null, publicNote: string | null, actorName: string | null, at: string, issue: { id: string, trackingCode: string, title: string, description: string, status: IssueStatus, channel: IssueChannel, version: number, createdAt: string, updatedAt: string, responseDueAt: string, resolveDueAt: string, overdue: boolean, resolution: string | null, availableActions: Array<IssueAction>, supervised: boolean, urgeCount: number, returnReason: ReturnReason | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, grid: { id: string, code: string, name: string, region: { id: string, name: string, level: RegionLevel } }, location: { latitude: number | null, longitude: number | null, address: string | null } | null, reporter: { anonymous: boolean, name: string | null, phone: string | null }, assignee: { id: string, name: string, level: CadreLevel, unit: string } | null, followUp: { method: FollowUpMethod, satisfaction: Satisfaction, comment: string | null, at: string, by: string } | null } } };

export type IssueTrackedSubscriptionVariables = Exact<{
  trackingCode: string;
}>;


export type IssueTrackedSubscription = { issueTracked: { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, category: { code: string, name: string, nameEn: string, group: string, responseHours: number, resolveHours: number, requiresAfterPhoto: boolean, responseLimit: { amount: number, unit: TimeUnit }, resolveLimit: { amount: number, unit: TimeUnit } }, photos: Array<{ id: string, stage: PhotoStage, public: boolean, width: number, height: number, url: string, thumbnailUrl: string, uploadedAt: string }>, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }>, mergedInto: { trackingCode: string, status: IssueStatus, gridName: string, submittedAt: string, updatedAt: string, resolveDueAt: string, extendedTo: string | null, timeline: Array<{ type: IssueEventType, toStatus: IssueStatus, publicNote: string | null, at: string }> } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RegionFieldsFragmentDoc = new TypedDocumentString(`
    fragment RegionFields on Region {
  id
  name
  level
  code
  parent {
    id
    name
    level
  }
}
    `, {"fragmentName":"RegionFields"}) as unknown as TypedDocumentString<RegionFieldsFragment, unknown>;
export const GridFieldsFragmentDoc = new TypedDocumentString(`
    fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}
    `, {"fragmentName":"GridFields"}) as unknown as TypedDocumentString<GridFieldsFragment, unknown>;
export const RegionDetailFieldsFragmentDoc = new TypedDocumentString(`
    fragment RegionDetailFields on Region {
  ...RegionFields
  children {
    ...RegionFields
  }
  grids {
    ...GridFields
  }
}
    fragment RegionFields on Region {
  id
  name
  level
  code
  parent {
    id
    name
    level
  }
}
fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}`, {"fragmentName":"RegionDetailFields"}) as unknown as TypedDocumentString<RegionDetailFieldsFragment, unknown>;
export const CadreFieldsFragmentDoc = new TypedDocumentString(`
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}
    `, {"fragmentName":"CadreFields"}) as unknown as TypedDocumentString<CadreFieldsFragment, unknown>;
export const GridDetailFieldsFragmentDoc = new TypedDocumentString(`
    fragment GridDetailFields on Grid {
  ...GridFields
  cadres {
    ...CadreFields
  }
  workers {
    id
    name
  }
}
    fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}
fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}`, {"fragmentName":"GridDetailFields"}) as unknown as TypedDocumentString<GridDetailFieldsFragment, unknown>;
export const GridWorkerFieldsFragmentDoc = new TypedDocumentString(`
    fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}
    `, {"fragmentName":"GridWorkerFields"}) as unknown as TypedDocumentString<GridWorkerFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserFields on User {
  id
  username
  displayName
  role
  active
  cadre {
    ...CadreFields
  }
  gridWorker {
    ...GridWorkerFields
  }
  scopeRegion {
    id
    name
    level
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}
fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}`, {"fragmentName":"UserFields"}) as unknown as TypedDocumentString<UserFieldsFragment, unknown>;
export const CategoryFieldsFragmentDoc = new TypedDocumentString(`
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
    `, {"fragmentName":"CategoryFields"}) as unknown as TypedDocumentString<CategoryFieldsFragment, unknown>;
export const IssueSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}`, {"fragmentName":"IssueSummaryFields"}) as unknown as TypedDocumentString<IssueSummaryFieldsFragment, unknown>;
export const IssueEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
    `, {"fragmentName":"IssueEventFields"}) as unknown as TypedDocumentString<IssueEventFieldsFragment, unknown>;
export const PhotoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
    `, {"fragmentName":"PhotoFields"}) as unknown as TypedDocumentString<PhotoFieldsFragment, unknown>;
export const IssueFieldsFragmentDoc = new TypedDocumentString(`
    fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}`, {"fragmentName":"IssueFields"}) as unknown as TypedDocumentString<IssueFieldsFragment, unknown>;
export const IssueConnectionFieldsFragmentDoc = new TypedDocumentString(`
    fragment IssueConnectionFields on IssueConnection {
  edges {
    cursor
    node {
      ...IssueSummaryFields
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}`, {"fragmentName":"IssueConnectionFields"}) as unknown as TypedDocumentString<IssueConnectionFieldsFragment, unknown>;
export const IssueStatsFieldsFragmentDoc = new TypedDocumentString(`
    fragment IssueStatsFields on IssueStats {
  total
  open
  overdue
  returned
  extended
  resolutionRate
  onTimeRate
  satisfactionRate
  avgResolveHours
  byStatus {
    status
    count
  }
  byCategory {
    category {
      ...CategoryFields
    }
    count
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}`, {"fragmentName":"IssueStatsFields"}) as unknown as TypedDocumentString<IssueStatsFieldsFragment, unknown>;
export const TrackedIssueFieldsFragmentDoc = new TypedDocumentString(`
    fragment TrackedIssueFields on TrackedIssue {
  trackingCode
  status
  category {
    ...CategoryFields
  }
  gridName
  submittedAt
  updatedAt
  resolveDueAt
  photos {
    ...PhotoFields
  }
  extendedTo
  timeline {
    type
    toStatus
    publicNote
    at
  }
  mergedInto {
    trackingCode
    status
    gridName
    submittedAt
    updatedAt
    resolveDueAt
    extendedTo
    timeline {
      type
      toStatus
      publicNote
      at
    }
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}`, {"fragmentName":"TrackedIssueFields"}) as unknown as TypedDocumentString<TrackedIssueFieldsFragment, unknown>;
export const CalendarDayFieldsFragmentDoc = new TypedDocumentString(`
    fragment CalendarDayFields on CalendarDay {
  date
  workday
  name
}
    `, {"fragmentName":"CalendarDayFields"}) as unknown as TypedDocumentString<CalendarDayFieldsFragment, unknown>;
export const PerformanceRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment PerformanceRowFields on PerformanceRow {
  key
  name
  cadre {
    id
    name
    level
    unit
  }
  region {
    id
    name
    level
  }
  assigned
  respondedOnTime
  resolved
  resolvedOnTime
  returned
  overdue
  followedUp
  satisfied
  reopened
  responseRate
  resolutionRate
  onTimeRate
  satisfactionRate
  returnRate
  score
  rank
}
    `, {"fragmentName":"PerformanceRowFields"}) as unknown as TypedDocumentString<PerformanceRowFieldsFragment, unknown>;
export const VisitFieldsFragmentDoc = new TypedDocumentString(`
    fragment VisitFields on Visit {
  id
  kind
  grid {
    id
    code
    name
  }
  cadre {
    id
    name
    level
  }
  notes
  households
  at
}
    `, {"fragmentName":"VisitFields"}) as unknown as TypedDocumentString<VisitFieldsFragment, unknown>;
export const PortalKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment PortalKeyFields on PortalKey {
  id
  name
  key
  allowedOrigins
}
    `, {"fragmentName":"PortalKeyFields"}) as unknown as TypedDocumentString<PortalKeyFieldsFragment, unknown>;
export const WebhookFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookFields on Webhook {
  id
  url
  format
  events
  region {
    id
    name
    level
  }
  active
  secret
}
    `, {"fragmentName":"WebhookFields"}) as unknown as TypedDocumentString<WebhookFieldsFragment, unknown>;
export const WebhookDeliveryFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  eventId
  status
  attempts
  lastStatusCode
  nextAttemptAt
  deliveredAt
}
    `, {"fragmentName":"WebhookDeliveryFields"}) as unknown as TypedDocumentString<WebhookDeliveryFieldsFragment, unknown>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    token
    user {
      ...UserFields
    }
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}
fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}
fragment UserFields on User {
  id
  username
  displayName
  role
  active
  cadre {
    ...CadreFields
  }
  gridWorker {
    ...GridWorkerFields
  }
  scopeRegion {
    id
    name
    level
  }
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const ReportIssueDocument = new TypedDocumentString(`
    mutation ReportIssue($input: ReportIssueInput!) {
  reportIssue(input: $input) {
    trackingCode
    issue {
      ...TrackedIssueFields
    }
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment TrackedIssueFields on TrackedIssue {
  trackingCode
  status
  category {
    ...CategoryFields
  }
  gridName
  submittedAt
  updatedAt
  resolveDueAt
  photos {
    ...PhotoFields
  }
  extendedTo
  timeline {
    type
    toStatus
    publicNote
    at
  }
  mergedInto {
    trackingCode
    status
    gridName
    submittedAt
    updatedAt
    resolveDueAt
    extendedTo
    timeline {
      type
      toStatus
      publicNote
      at
    }
  }
}`) as unknown as TypedDocumentString<ReportIssueMutation, ReportIssueMutationVariables>;
export const AcceptIssueDocument = new TypedDocumentString(`
    mutation AcceptIssue($id: ID!, $note: String, $expectedVersion: Int) {
  acceptIssue(id: $id, note: $note, expectedVersion: $expectedVersion) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<AcceptIssueMutation, AcceptIssueMutationVariables>;
export const RejectIssueDocument = new TypedDocumentString(`
    mutation RejectIssue($id: ID!, $reason: String!, $expectedVersion: Int) {
  rejectIssue(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<RejectIssueMutation, RejectIssueMutationVariables>;
export const AssignIssueDocument = new TypedDocumentString(`
    mutation AssignIssue($id: ID!, $cadreId: ID!, $note: String, $expectedVersion: Int) {
  assignIssue(
    id: $id
    cadreId: $cadreId
    note: $note
    expectedVersion: $expectedVersion
  ) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<AssignIssueMutation, AssignIssueMutationVariables>;
export const EscalateIssueDocument = new TypedDocumentString(`
    mutation EscalateIssue($id: ID!, $cadreId: ID!, $note: String!, $expectedVersion: Int) {
  escalateIssue(
    id: $id
    cadreId: $cadreId
    note: $note
    expectedVersion: $expectedVersion
  ) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<EscalateIssueMutation, EscalateIssueMutationVariables>;
export const StartIssueDocument = new TypedDocumentString(`
    mutation StartIssue($id: ID!, $note: String, $expectedVersion: Int) {
  startIssue(id: $id, note: $note, expectedVersion: $expectedVersion) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<StartIssueMutation, StartIssueMutationVariables>;
export const CommentIssueDocument = new TypedDocumentString(`
    mutation CommentIssue($id: ID!, $note: String, $publicNote: String) {
  commentIssue(id: $id, note: $note, publicNote: $publicNote) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<CommentIssueMutation, CommentIssueMutationVariables>;
export const ResolveIssueDocument = new TypedDocumentString(`
    mutation ResolveIssue($id: ID!, $resolution: String!, $publicNote: String, $expectedVersion: Int) {
  resolveIssue(
    id: $id
    resolution: $resolution
    publicNote: $publicNote
    expectedVersion: $expectedVersion
  ) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<ResolveIssueMutation, ResolveIssueMutationVariables>;
export const RecordFollowUpDocument = new TypedDocumentString(`
    mutation RecordFollowUp($id: ID!, $input: FollowUpInput!, $expectedVersion: Int) {
  recordFollowUp(id: $id, input: $input, expectedVersion: $expectedVersion) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<RecordFollowUpMutation, RecordFollowUpMutationVariables>;
export const CloseIssueDocument = new TypedDocumentString(`
    mutation CloseIssue($id: ID!, $note: String, $expectedVersion: Int) {
  closeIssue(id: $id, note: $note, expectedVersion: $expectedVersion) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<CloseIssueMutation, CloseIssueMutationVariables>;
export const ReopenIssueDocument = new TypedDocumentString(`
    mutation ReopenIssue($id: ID!, $reason: String!, $expectedVersion: Int) {
  reopenIssue(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<ReopenIssueMutation, ReopenIssueMutationVariables>;
export const RecordVisitDocument = new TypedDocumentString(`
    mutation RecordVisit($input: VisitInput!) {
  recordVisit(input: $input) {
    ...VisitFields
  }
}
    fragment VisitFields on Visit {
  id
  kind
  grid {
    id
    code
    name
  }
  cadre {
    id
    name
    level
  }
  notes
  households
  at
}`) as unknown as TypedDocumentString<RecordVisitMutation, RecordVisitMutationVariables>;
export const CreateRegionDocument = new TypedDocumentString(`
    mutation CreateRegion($input: CreateRegionInput!) {
  createRegion(input: $input) {
    ...RegionFields
  }
}
    fragment RegionFields on Region {
  id
  name
  level
  code
  parent {
    id
    name
    level
  }
}`) as unknown as TypedDocumentString<CreateRegionMutation, CreateRegionMutationVariables>;
export const CreateGridDocument = new TypedDocumentString(`
    mutation CreateGrid($input: CreateGridInput!) {
  createGrid(input: $input) {
    ...GridFields
  }
}
    fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}`) as unknown as TypedDocumentString<CreateGridMutation, CreateGridMutationVariables>;
export const CreateCadreDocument = new TypedDocumentString(`
    mutation CreateCadre($input: CreateCadreInput!) {
  createCadre(input: $input) {
    ...CadreFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<CreateCadreMutation, CreateCadreMutationVariables>;
export const AssignCadreDocument = new TypedDocumentString(`
    mutation AssignCadre($cadreId: ID!, $gridId: ID!) {
  assignCadre(cadreId: $cadreId, gridId: $gridId) {
    ...CadreFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<AssignCadreMutation, AssignCadreMutationVariables>;
export const UnassignCadreDocument = new TypedDocumentString(`
    mutation UnassignCadre($cadreId: ID!, $gridId: ID!) {
  unassignCadre(cadreId: $cadreId, gridId: $gridId) {
    ...CadreFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<UnassignCadreMutation, UnassignCadreMutationVariables>;
export const CreateGridWorkerDocument = new TypedDocumentString(`
    mutation CreateGridWorker($input: CreateGridWorkerInput!) {
  createGridWorker(input: $input) {
    ...GridWorkerFields
  }
}
    fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<CreateGridWorkerMutation, CreateGridWorkerMutationVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    ...UserFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}
fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}
fragment UserFields on User {
  id
  username
  displayName
  role
  active
  cadre {
    ...CadreFields
  }
  gridWorker {
    ...GridWorkerFields
  }
  scopeRegion {
    id
    name
    level
  }
}`) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const CreatePortalKeyDocument = new TypedDocumentString(`
    mutation CreatePortalKey($name: String!, $allowedOrigins: [String!]!) {
  createPortalKey(name: $name, allowedOrigins: $allowedOrigins) {
    ...PortalKeyFields
  }
}
    fragment PortalKeyFields on PortalKey {
  id
  name
  key
  allowedOrigins
}`) as unknown as TypedDocumentString<CreatePortalKeyMutation, CreatePortalKeyMutationVariables>;
export const ReturnIssueDocument = new TypedDocumentString(`
    mutation ReturnIssue($id: ID!, $reason: ReturnReason!, $note: String!, $expectedVersion: Int) {
  returnIssue(
    id: $id
    reason: $reason
    note: $note
    expectedVersion: $expectedVersion
  ) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<ReturnIssueMutation, ReturnIssueMutationVariables>;
export const ReassignIssueDocument = new TypedDocumentString(`
    mutation ReassignIssue($id: ID!, $cadreId: ID!, $note: String, $expectedVersion: Int) {
  reassignIssue(
    id: $id
    cadreId: $cadreId
    note: $note
    expectedVersion: $expectedVersion
  ) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<ReassignIssueMutation, ReassignIssueMutationVariables>;
export const RefuseReturnDocument = new TypedDocumentString(`
    mutation RefuseReturn($id: ID!, $note: String!, $expectedVersion: Int) {
  refuseReturn(id: $id, note: $note, expectedVersion: $expectedVersion) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<RefuseReturnMutation, RefuseReturnMutationVariables>;
export const RequestExtensionDocument = new TypedDocumentString(`
    mutation RequestExtension($id: ID!, $until: DateTimeISO!, $reason: String!, $expectedVersion: Int) {
  requestExtension(
    id: $id
    until: $until
    reason: $reason
    expectedVersion: $expectedVersion
  ) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<RequestExtensionMutation, RequestExtensionMutationVariables>;
export const DecideExtensionDocument = new TypedDocumentString(`
    mutation DecideExtension($id: ID!, $approve: Boolean!, $note: String, $expectedVersion: Int) {
  decideExtension(
    id: $id
    approve: $approve
    note: $note
    expectedVersion: $expectedVersion
  ) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<DecideExtensionMutation, DecideExtensionMutationVariables>;
export const UrgeIssueDocument = new TypedDocumentString(`
    mutation UrgeIssue($id: ID!, $note: String!) {
  urgeIssue(id: $id, note: $note) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<UrgeIssueMutation, UrgeIssueMutationVariables>;
export const SuperviseIssueDocument = new TypedDocumentString(`
    mutation SuperviseIssue($id: ID!, $supervised: Boolean!, $note: String) {
  superviseIssue(id: $id, supervised: $supervised, note: $note) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<SuperviseIssueMutation, SuperviseIssueMutationVariables>;
export const MergeIssueDocument = new TypedDocumentString(`
    mutation MergeIssue($id: ID!, $intoId: ID!, $note: String) {
  mergeIssue(id: $id, intoId: $intoId, note: $note) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<MergeIssueMutation, MergeIssueMutationVariables>;
export const SetWorkCalendarDocument = new TypedDocumentString(`
    mutation SetWorkCalendar($days: [CalendarDayInput!]!) {
  setWorkCalendar(days: $days) {
    ...CalendarDayFields
  }
}
    fragment CalendarDayFields on CalendarDay {
  date
  workday
  name
}`) as unknown as TypedDocumentString<SetWorkCalendarMutation, SetWorkCalendarMutationVariables>;
export const UpdateCategoryDocument = new TypedDocumentString(`
    mutation UpdateCategory($code: ID!, $input: UpdateCategoryInput!) {
  updateCategory(code: $code, input: $input) {
    ...CategoryFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}`) as unknown as TypedDocumentString<UpdateCategoryMutation, UpdateCategoryMutationVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  format
  events
  region {
    id
    name
    level
  }
  active
  secret
}`) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const SetWebhookActiveDocument = new TypedDocumentString(`
    mutation SetWebhookActive($id: ID!, $active: Boolean!) {
  setWebhookActive(id: $id, active: $active) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  format
  events
  region {
    id
    name
    level
  }
  active
  secret
}`) as unknown as TypedDocumentString<SetWebhookActiveMutation, SetWebhookActiveMutationVariables>;
export const RedeliverDocument = new TypedDocumentString(`
    mutation Redeliver($deliveryId: ID!) {
  redeliver(deliveryId: $deliveryId) {
    ...WebhookDeliveryFields
  }
}
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  eventId
  status
  attempts
  lastStatusCode
  nextAttemptAt
  deliveredAt
}`) as unknown as TypedDocumentString<RedeliverMutation, RedeliverMutationVariables>;
export const AddIssuePhotosDocument = new TypedDocumentString(`
    mutation AddIssuePhotos($id: ID!, $photoIds: [ID!]!, $stage: PhotoStage!) {
  addIssuePhotos(id: $id, photoIds: $photoIds, stage: $stage) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<AddIssuePhotosMutation, AddIssuePhotosMutationVariables>;
export const SetPhotoPublicDocument = new TypedDocumentString(`
    mutation SetPhotoPublic($id: ID!, $public: Boolean!) {
  setPhotoPublic(id: $id, public: $public) {
    ...PhotoFields
  }
}
    fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}`) as unknown as TypedDocumentString<SetPhotoPublicMutation, SetPhotoPublicMutationVariables>;
export const UpdateGridDocument = new TypedDocumentString(`
    mutation UpdateGrid($id: ID!, $input: UpdateGridInput!) {
  updateGrid(id: $id, input: $input) {
    ...GridFields
  }
}
    fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}`) as unknown as TypedDocumentString<UpdateGridMutation, UpdateGridMutationVariables>;
export const SetUserActiveDocument = new TypedDocumentString(`
    mutation SetUserActive($id: ID!, $active: Boolean!) {
  setUserActive(id: $id, active: $active) {
    ...UserFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}
fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}
fragment UserFields on User {
  id
  username
  displayName
  role
  active
  cadre {
    ...CadreFields
  }
  gridWorker {
    ...GridWorkerFields
  }
  scopeRegion {
    id
    name
    level
  }
}`) as unknown as TypedDocumentString<SetUserActiveMutation, SetUserActiveMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($id: ID!) {
  resetPassword(id: $id) {
    username
    password
  }
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const CadreDutiesDocument = new TypedDocumentString(`
    query CadreDuties($id: ID!, $status: [IssueStatus!], $first: Int, $after: String) {
  cadre(id: $id) {
    id
    duties(status: $status, first: $first, after: $after) {
      ...IssueConnectionFields
    }
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueConnectionFields on IssueConnection {
  edges {
    cursor
    node {
      ...IssueSummaryFields
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}`) as unknown as TypedDocumentString<CadreDutiesQuery, CadreDutiesQueryVariables>;
export const GridIssuesDocument = new TypedDocumentString(`
    query GridIssues($id: ID!, $filter: IssueFilter, $first: Int, $after: String) {
  grid(id: $id) {
    id
    issues(filter: $filter, first: $first, after: $after) {
      ...IssueConnectionFields
    }
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueConnectionFields on IssueConnection {
  edges {
    cursor
    node {
      ...IssueSummaryFields
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}`) as unknown as TypedDocumentString<GridIssuesQuery, GridIssuesQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...UserFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}
fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}
fragment UserFields on User {
  id
  username
  displayName
  role
  active
  cadre {
    ...CadreFields
  }
  gridWorker {
    ...GridWorkerFields
  }
  scopeRegion {
    id
    name
    level
  }
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const CategoriesDocument = new TypedDocumentString(`
    query Categories {
  categories {
    ...CategoryFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}`) as unknown as TypedDocumentString<CategoriesQuery, CategoriesQueryVariables>;
export const RegionsDocument = new TypedDocumentString(`
    query Regions($parentId: ID) {
  regions(parentId: $parentId) {
    ...RegionDetailFields
  }
}
    fragment RegionFields on Region {
  id
  name
  level
  code
  parent {
    id
    name
    level
  }
}
fragment RegionDetailFields on Region {
  ...RegionFields
  children {
    ...RegionFields
  }
  grids {
    ...GridFields
  }
}
fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}`) as unknown as TypedDocumentString<RegionsQuery, RegionsQueryVariables>;
export const RegionDocument = new TypedDocumentString(`
    query Region($id: ID!) {
  region(id: $id) {
    ...RegionDetailFields
  }
}
    fragment RegionFields on Region {
  id
  name
  level
  code
  parent {
    id
    name
    level
  }
}
fragment RegionDetailFields on Region {
  ...RegionFields
  children {
    ...RegionFields
  }
  grids {
    ...GridFields
  }
}
fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}`) as unknown as TypedDocumentString<RegionQuery, RegionQueryVariables>;
export const GridDocument = new TypedDocumentString(`
    query Grid($id: ID!) {
  grid(id: $id) {
    ...GridDetailFields
  }
}
    fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}
fragment GridDetailFields on Grid {
  ...GridFields
  cadres {
    ...CadreFields
  }
  workers {
    id
    name
  }
}
fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<GridQuery, GridQueryVariables>;
export const GridAtDocument = new TypedDocumentString(`
    query GridAt($latitude: Float!, $longitude: Float!) {
  gridAt(latitude: $latitude, longitude: $longitude) {
    ...GridFields
  }
}
    fragment GridFields on Grid {
  id
  code
  name
  description
  kind
  region {
    id
    name
    level
  }
  boundary {
    latitude
    longitude
  }
}`) as unknown as TypedDocumentString<GridAtQuery, GridAtQueryVariables>;
export const CadreDocument = new TypedDocumentString(`
    query Cadre($id: ID!) {
  cadre(id: $id) {
    ...CadreFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<CadreQuery, CadreQueryVariables>;
export const CadresDocument = new TypedDocumentString(`
    query Cadres($regionId: ID, $level: CadreLevel) {
  cadres(regionId: $regionId, level: $level) {
    ...CadreFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}`) as unknown as TypedDocumentString<CadresQuery, CadresQueryVariables>;
export const IssueDocument = new TypedDocumentString(`
    query Issue($id: ID!) {
  issue(id: $id) {
    ...IssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueFields on Issue {
  ...IssueSummaryFields
  extension {
    id
    status
    requestedDueAt
    reason
    requestedBy
    requestedAt
    decidedBy
    decidedAt
    decisionNote
  }
  mergedInto {
    id
    trackingCode
    status
  }
  duplicates {
    id
    trackingCode
    status
  }
  timeline {
    ...IssueEventFields
  }
  photos {
    ...PhotoFields
  }
}`) as unknown as TypedDocumentString<IssueQuery, IssueQueryVariables>;
export const DuplicateCandidatesDocument = new TypedDocumentString(`
    query DuplicateCandidates($id: ID!, $within: Int, $first: Int) {
  issue(id: $id) {
    id
    duplicateCandidates(within: $within, first: $first) {
      id
      trackingCode
      title
      status
      createdAt
      category {
        code
        name
      }
      grid {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DuplicateCandidatesQuery, DuplicateCandidatesQueryVariables>;
export const IssuesDocument = new TypedDocumentString(`
    query Issues($filter: IssueFilter, $first: Int, $after: String) {
  issues(filter: $filter, first: $first, after: $after) {
    ...IssueConnectionFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}
fragment IssueConnectionFields on IssueConnection {
  edges {
    cursor
    node {
      ...IssueSummaryFields
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
  totalCount
}`) as unknown as TypedDocumentString<IssuesQuery, IssuesQueryVariables>;
export const TrackIssueDocument = new TypedDocumentString(`
    query TrackIssue($trackingCode: String!) {
  trackIssue(trackingCode: $trackingCode) {
    ...TrackedIssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment TrackedIssueFields on TrackedIssue {
  trackingCode
  status
  category {
    ...CategoryFields
  }
  gridName
  submittedAt
  updatedAt
  resolveDueAt
  photos {
    ...PhotoFields
  }
  extendedTo
  timeline {
    type
    toStatus
    publicNote
    at
  }
  mergedInto {
    trackingCode
    status
    gridName
    submittedAt
    updatedAt
    resolveDueAt
    extendedTo
    timeline {
      type
      toStatus
      publicNote
      at
    }
  }
}`) as unknown as TypedDocumentString<TrackIssueQuery, TrackIssueQueryVariables>;
export const IssueStatsDocument = new TypedDocumentString(`
    query IssueStats($regionId: ID, $gridId: ID, $from: DateTimeISO, $to: DateTimeISO) {
  issueStats(regionId: $regionId, gridId: $gridId, from: $from, to: $to) {
    ...IssueStatsFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment IssueStatsFields on IssueStats {
  total
  open
  overdue
  returned
  extended
  resolutionRate
  onTimeRate
  satisfactionRate
  avgResolveHours
  byStatus {
    status
    count
  }
  byCategory {
    category {
      ...CategoryFields
    }
    count
  }
}`) as unknown as TypedDocumentString<IssueStatsQuery, IssueStatsQueryVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($first: Int, $after: String, $action: String) {
  auditLog(first: $first, after: $after, action: $action) {
    edges {
      cursor
      node {
        id
        at
        actorName
        action
        target
        summary
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const WorkCalendarDocument = new TypedDocumentString(`
    query WorkCalendar($year: Int!) {
  workCalendar(year: $year) {
    ...CalendarDayFields
  }
}
    fragment CalendarDayFields on CalendarDay {
  date
  workday
  name
}`) as unknown as TypedDocumentString<WorkCalendarQuery, WorkCalendarQueryVariables>;
export const PerformanceDocument = new TypedDocumentString(`
    query Performance($groupBy: PerformanceGroup!, $regionId: ID, $from: DateTimeISO, $to: DateTimeISO) {
  performance(groupBy: $groupBy, regionId: $regionId, from: $from, to: $to) {
    ...PerformanceRowFields
  }
}
    fragment PerformanceRowFields on PerformanceRow {
  key
  name
  cadre {
    id
    name
    level
    unit
  }
  region {
    id
    name
    level
  }
  assigned
  respondedOnTime
  resolved
  resolvedOnTime
  returned
  overdue
  followedUp
  satisfied
  reopened
  responseRate
  resolutionRate
  onTimeRate
  satisfactionRate
  returnRate
  score
  rank
}`) as unknown as TypedDocumentString<PerformanceQuery, PerformanceQueryVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks {
  webhooks {
    ...WebhookFields
    deliveries {
      ...WebhookDeliveryFields
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  format
  events
  region {
    id
    name
    level
  }
  active
  secret
}
fragment WebhookDeliveryFields on WebhookDelivery {
  id
  eventId
  status
  attempts
  lastStatusCode
  nextAttemptAt
  deliveredAt
}`) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users($search: String, $first: Int) {
  users(search: $search, first: $first) {
    ...UserFields
  }
}
    fragment CadreFields on Cadre {
  id
  name
  level
  unit
  grids {
    id
    code
    name
  }
}
fragment GridWorkerFields on GridWorker {
  id
  name
  grid {
    id
    code
    name
  }
}
fragment UserFields on User {
  id
  username
  displayName
  role
  active
  cadre {
    ...CadreFields
  }
  gridWorker {
    ...GridWorkerFields
  }
  scopeRegion {
    id
    name
    level
  }
}`) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const PortalKeysDocument = new TypedDocumentString(`
    query PortalKeys {
  portalKeys {
    ...PortalKeyFields
  }
}
    fragment PortalKeyFields on PortalKey {
  id
  name
  key
  allowedOrigins
}`) as unknown as TypedDocumentString<PortalKeysQuery, PortalKeysQueryVariables>;
export const IssueEventsDocument = new TypedDocumentString(`
    subscription IssueEvents($filter: IssueEventFilter, $after: String) {
  issueEvents(filter: $filter, after: $after) {
    ...IssueEventFields
    issue {
      ...IssueSummaryFields
    }
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment IssueEventFields on IssueEvent {
  id
  cursor
  type
  fromStatus
  toStatus
  note
  publicNote
  actorName
  at
}
fragment IssueSummaryFields on Issue {
  id
  trackingCode
  title
  description
  category {
    ...CategoryFields
  }
  status
  channel
  grid {
    id
    code
    name
    region {
      id
      name
      level
    }
  }
  location {
    latitude
    longitude
    address
  }
  reporter {
    anonymous
    name
    phone
  }
  assignee {
    id
    name
    level
    unit
  }
  version
  createdAt
  updatedAt
  responseDueAt
  resolveDueAt
  overdue
  resolution
  followUp {
    method
    satisfaction
    comment
    at
    by
  }
  availableActions
  supervised
  urgeCount
  returnReason
}`) as unknown as TypedDocumentString<IssueEventsSubscription, IssueEventsSubscriptionVariables>;
export const IssueTrackedDocument = new TypedDocumentString(`
    subscription IssueTracked($trackingCode: String!) {
  issueTracked(trackingCode: $trackingCode) {
    ...TrackedIssueFields
  }
}
    fragment CategoryFields on Category {
  code
  name
  nameEn
  group
  responseHours
  resolveHours
  requiresAfterPhoto
  responseLimit {
    amount
    unit
  }
  resolveLimit {
    amount
    unit
  }
}
fragment PhotoFields on Photo {
  id
  stage
  public
  width
  height
  url
  thumbnailUrl
  uploadedAt
}
fragment TrackedIssueFields on TrackedIssue {
  trackingCode
  status
  category {
    ...CategoryFields
  }
  gridName
  submittedAt
  updatedAt
  resolveDueAt
  photos {
    ...PhotoFields
  }
  extendedTo
  timeline {
    type
    toStatus
    publicNote
    at
  }
  mergedInto {
    trackingCode
    status
    gridName
    submittedAt
    updatedAt
    resolveDueAt
    extendedTo
    timeline {
      type
      toStatus
      publicNote
      at
    }
  }
}`) as unknown as TypedDocumentString<IssueTrackedSubscription, IssueTrackedSubscriptionVariables>;