/** The contract's enums, registered once with type-graphql and reused by entities. */
import { registerEnumType } from 'type-graphql';

export enum RegionLevel { CITY = 'CITY', COUNTY = 'COUNTY', TOWNSHIP = 'TOWNSHIP', COMMUNITY = 'COMMUNITY' }
export enum CadreLevel { CITY = 'CITY', COUNTY = 'COUNTY', TOWNSHIP = 'TOWNSHIP', VILLAGE = 'VILLAGE' }
export enum GridKind { URBAN_COMMUNITY = 'URBAN_COMMUNITY', RURAL = 'RURAL' }
export enum Role { ADMIN = 'ADMIN', CADRE = 'CADRE', GRID_WORKER = 'GRID_WORKER' }
export enum IssueChannel {
  WIDGET = 'WIDGET',
  WECHAT_MINIPROGRAM = 'WECHAT_MINIPROGRAM',
  GOV_APP = 'GOV_APP',
  RESIDENT_GROUP = 'RESIDENT_GROUP',
  HOUSEHOLD_VISIT = 'HOUSEHOLD_VISIT',
  PHONE = 'PHONE',
  PATROL = 'PATROL',
  OPEN311 = 'OPEN311',
}
export enum IssueStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  FOLLOWED_UP = 'FOLLOWED_UP',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  /** The assignee sent it back to dispatch (退单). */
  RETURNED = 'RETURNED',
  /** A duplicate, merged into another issue (合并). */
  MERGED = 'MERGED',
}
export enum IssueEventType {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  ASSIGNED = 'ASSIGNED',
  ESCALATED = 'ESCALATED',
  STARTED = 'STARTED',
  COMMENTED = 'COMMENTED',
  RESOLVED = 'RESOLVED',
  FOLLOWED_UP = 'FOLLOWED_UP',
  REOPENED = 'REOPENED',
  CLOSED = 'CLOSED',
  OVERDUE = 'OVERDUE',
  RETURNED = 'RETURNED',
  RETURN_REFUSED = 'RETURN_REFUSED',
  REASSIGNED = 'REASSIGNED',
  EXTENSION_REQUESTED = 'EXTENSION_REQUESTED',
  EXTENSION_APPROVED = 'EXTENSION_APPROVED',
  EXTENSION_DENIED = 'EXTENSION_DENIED',
  URGED = 'URGED',
  SUPERVISED = 'SUPERVISED',
  UNSUPERVISED = 'UNSUPERVISED',
  MERGED = 'MERGED',
  DUE_SOON = 'DUE_SOON',
  // Evidence photos (after the dispatch types: the order the migrations leave in the check constraint): added to an issue, or shown on / taken off the public tracker.
  PHOTOS_ADDED = 'PHOTOS_ADDED',
  PHOTO_VISIBILITY_CHANGED = 'PHOTO_VISIBILITY_CHANGED',
}
export enum ReturnReason {
  NOT_OUR_RESPONSIBILITY = 'NOT_OUR_RESPONSIBILITY',
  WRONG_LOCATION = 'WRONG_LOCATION',
  INSUFFICIENT_INFORMATION = 'INSUFFICIENT_INFORMATION',
  DUPLICATE = 'DUPLICATE',
  OTHER = 'OTHER',
}
export enum ExtensionStatus { PENDING = 'PENDING', APPROVED = 'APPROVED', DENIED = 'DENIED' }
/** Every move a viewer may make on an issue (Issue.availableActions). */
export enum IssueAction {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  ASSIGN = 'ASSIGN',
  REASSIGN = 'REASSIGN',
  RETURN = 'RETURN',
  REFUSE_RETURN = 'REFUSE_RETURN',
  ESCALATE = 'ESCALATE',
  START = 'START',
  RESOLVE = 'RESOLVE',
  FOLLOW_UP = 'FOLLOW_UP',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
  COMMENT = 'COMMENT',
  REQUEST_EXTENSION = 'REQUEST_EXTENSION',
  DECIDE_EXTENSION = 'DECIDE_EXTENSION',
  URGE = 'URGE',
  SUPERVISE = 'SUPERVISE',
  MERGE = 'MERGE',
  ADD_PHOTOS = 'ADD_PHOTOS',
}
export enum TimeUnit { HOURS = 'HOURS', WORKING_HOURS = 'WORKING_HOURS', WORKING_DAYS = 'WORKING_DAYS' }
export enum PerformanceGroup { CADRE = 'CADRE', UNIT = 'UNIT', REGION = 'REGION' }
export enum FollowUpMethod { PHONE = 'PHONE', VISIT = 'VISIT', ONLINE = 'ONLINE' }
export enum Satisfaction { SATISFIED = 'SATISFIED', BASICALLY_SATISFIED = 'BASICALLY_SATISFIED', UNSATISFIED = 'UNSATISFIED' }
export enum VisitKind {
  CHECK_IN = 'CHECK_IN',
  HOUSEHOLD_VISIT = 'HOUSEHOLD_VISIT',
  RESIDENT_MEETING = 'RESIDENT_MEETING',
  POLICY_PUBLICITY = 'POLICY_PUBLICITY',
  PATROL = 'PATROL',
  MEDIATION = 'MEDIATION',
}

registerEnumType(RegionLevel, { name: 'RegionLevel' });
registerEnumType(CadreLevel, { name: 'CadreLevel' });
registerEnumType(GridKind, { name: 'GridKind' });
registerEnumType(Role, { name: 'Role' });
registerEnumType(IssueChannel, { name: 'IssueChannel' });
registerEnumType(IssueStatus, { name: 'IssueStatus' });
registerEnumType(IssueEventType, { name: 'IssueEventType' });
registerEnumType(FollowUpMethod, { name: 'FollowUpMethod' });
registerEnumType(Satisfaction, { name: 'Satisfaction' });
registerEnumType(VisitKind, { name: 'VisitKind' });
registerEnumType(ReturnReason, { name: 'ReturnReason' });
registerEnumType(ExtensionStatus, { name: 'ExtensionStatus' });
registerEnumType(IssueAction, {
  name: 'IssueAction',
  description: "Every move the current viewer may make on this issue now, from the one workflow table and the viewer's scope.",
});
registerEnumType(TimeUnit, { name: 'TimeUnit' });
registerEnumType(PerformanceGroup, { name: 'PerformanceGroup' });

/** Cadre levels from lowest to highest: escalation goes up this list. */
export const CADRE_LEVEL_RANK: Record<CadreLevel, number> = {
  [CadreLevel.VILLAGE]: 0,
  [CadreLevel.TOWNSHIP]: 1,
  [CadreLevel.COUNTY]: 2,
  [CadreLevel.CITY]: 3,
};
