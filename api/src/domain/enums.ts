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
  // Evidence photos: added to an issue, or shown on / taken off the public tracker.
  PHOTOS_ADDED = 'PHOTOS_ADDED',
  PHOTO_VISIBILITY_CHANGED = 'PHOTO_VISIBILITY_CHANGED',
}
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

/** Cadre levels from lowest to highest: escalation goes up this list. */
export const CADRE_LEVEL_RANK: Record<CadreLevel, number> = {
  [CadreLevel.VILLAGE]: 0,
  [CadreLevel.TOWNSHIP]: 1,
  [CadreLevel.COUNTY]: 2,
  [CadreLevel.CITY]: 3,
};
