import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ExtensionStatus, FollowUpMethod, IssueAction, IssueChannel, IssueEventType, IssueStatus, ReturnReason, Satisfaction } from '../../domain/enums';
import { CadreType } from '../cadres/cadre.type';
import { CategoryType } from '../categories/category.type';
import { GridType } from '../grids/grid.type';
import type { IsoDateTime } from './issue.row';

@ObjectType('Location', { simpleResolvers: true })
export class LocationType {
  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  address?: string | null;
}

@ObjectType('Reporter', {
  simpleResolvers: true,
  description: "Contact details are masked (e.g. 138****5678) for everyone but the grid's workers, the assignee and admins.",
})
export class ReporterType {
  @Field(() => Boolean)
  anonymous: boolean;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@ObjectType('FollowUp', { simpleResolvers: true })
export class FollowUpType {
  @Field(() => FollowUpMethod)
  method: FollowUpMethod;

  @Field(() => Satisfaction)
  satisfaction: Satisfaction;

  @Field(() => String, { nullable: true })
  comment?: string | null;

  @Field(() => Date)
  at: IsoDateTime;

  @Field(() => String)
  by: string;
}

@ObjectType('ExtensionRequest', { simpleResolvers: true })
export class ExtensionRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => ExtensionStatus)
  status: ExtensionStatus;

  @Field(() => Date)
  requestedDueAt: IsoDateTime;

  @Field(() => String)
  reason: string;

  @Field(() => String)
  requestedBy: string;

  @Field(() => Date)
  requestedAt: IsoDateTime;

  @Field(() => String, { nullable: true })
  decidedBy?: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt?: IsoDateTime | null;

  @Field(() => String, { nullable: true })
  decisionNote?: string | null;
}

@ObjectType('Issue', { simpleResolvers: true })
export class IssueType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  trackingCode: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => IssueStatus)
  status: IssueStatus;

  @Field(() => IssueChannel)
  channel: IssueChannel;

  @Field(() => Int, { description: 'Incremented on every transition; pass it back as expectedVersion.' })
  version: number;

  @Field(() => Date)
  createdAt: IsoDateTime;

  @Field(() => Date)
  updatedAt: IsoDateTime;

  @Field(() => Date)
  responseDueAt: IsoDateTime;

  @Field(() => Date)
  resolveDueAt: IsoDateTime;

  @Field(() => String, { nullable: true })
  resolution?: string | null;

  @Field(() => Boolean)
  overdue: boolean;

  @Field(() => LocationType, { nullable: true })
  location?: LocationType | null;

  @Field(() => FollowUpType, { nullable: true })
  followUp?: FollowUpType | null;

  @Field(() => CategoryType)
  category: CategoryType;

  @Field(() => GridType)
  grid: GridType;

  @Field(() => CadreType, { nullable: true })
  assignee?: CadreType | null;

  @Field(() => [IssueEventObject])
  timeline: IssueEventObject[];

  @Field(() => Boolean, { description: '督办: under supervision by a higher level.' })
  supervised: boolean;

  @Field(() => Int)
  urgeCount: number;

  @Field(() => ReturnReason, { nullable: true })
  returnReason?: ReturnReason | null;

  @Field(() => ExtensionRequestType, { nullable: true, description: 'The latest extension request, if any.' })
  extension?: ExtensionRequestType | null;

  @Field(() => IssueType, { nullable: true, description: 'The primary issue this one was merged into.' })
  mergedInto?: IssueType | null;

  @Field(() => [IssueType], { description: 'Issues merged into this one.' })
  duplicates: IssueType[];

  /** Answered by IssueResolver from the planned facts and the viewer (available-actions.ts). */
  availableActions?: IssueAction[];
}

@ObjectType('IssueEvent', { simpleResolvers: true })
export class IssueEventObject {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Opaque, increasing; pass to issueEvents(after:) to replay what was missed.' })
  cursor: string;

  @Field(() => IssueEventType)
  type: IssueEventType;

  @Field(() => IssueStatus, { nullable: true })
  fromStatus?: IssueStatus | null;

  @Field(() => IssueStatus)
  toStatus: IssueStatus;

  @Field(() => String, { nullable: true, description: 'Staff-only note.' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Note shown to the public tracker.' })
  publicNote?: string | null;

  @Field(() => String, { nullable: true })
  actorName?: string | null;

  @Field(() => Date)
  at: IsoDateTime;
}

@ObjectType('PublicIssueEvent', { simpleResolvers: true })
export class PublicIssueEventType {
  @Field(() => IssueEventType)
  type: IssueEventType;

  @Field(() => IssueStatus)
  toStatus: IssueStatus;

  @Field(() => String, { nullable: true })
  publicNote?: string | null;

  @Field(() => Date)
  at: IsoDateTime;
}

@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}

@ObjectType('IssueEdge', { simpleResolvers: true })
export class IssueEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => IssueType)
  node: IssueType;
}

@ObjectType('IssueConnection', { simpleResolvers: true })
export class IssueConnection {
  @Field(() => [IssueEdge])
  edges: IssueEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Counted in the page's statement only when the query asks for it (issue.query.ts). */
  @Field(() => Int)
  totalCount: number;
}

@InputType('IssueFilter')
export class IssueFilter {
  @Field(() => [IssueStatus], { nullable: true })
  status?: IssueStatus[] | null;

  @Field(() => [ID], { nullable: true })
  categoryCode?: string[] | null;

  @Field(() => ID, { nullable: true })
  gridId?: string | null;

  @Field(() => ID, { nullable: true })
  regionId?: string | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;

  @Field(() => Date, { nullable: true })
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true })
  createdBefore?: Date | null;

  @Field(() => String, { nullable: true })
  search?: string | null;
}

@InputType('IssueEventFilter')
export class IssueEventFilter {
  @Field(() => ID, { nullable: true })
  gridId?: string | null;

  @Field(() => ID, { nullable: true })
  regionId?: string | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;
}

@InputType('LocationInput')
export class LocationInput {
  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  address?: string | null;
}

@InputType('ReportIssueInput')
export class ReportIssueInput {
  @Field(() => ID)
  categoryCode: string;

  @Field(() => String)
  description: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'Either gridId or a location inside a known grid.' })
  gridId?: string | null;

  @Field(() => LocationInput, { nullable: true })
  location?: LocationInput | null;

  @Field(() => IssueChannel, { nullable: true, defaultValue: IssueChannel.WIDGET })
  channel?: IssueChannel | null;

  @Field(() => String, { nullable: true })
  reporterName?: string | null;

  @Field(() => String, { nullable: true })
  reporterPhone?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  anonymous?: boolean | null;

  @Field(() => String, { description: 'Same key, same issue: a retried submission never creates a second one.' })
  idempotencyKey: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'The reporter agrees to short messages about this report at reporterPhone.' })
  notify?: boolean | null;
  @Field(() => [ID], { nullable: true, description: 'Ids from POST /uploads, at most 9.' })
  photoIds?: string[] | null;
}

@InputType('FollowUpInput')
export class FollowUpInput {
  @Field(() => FollowUpMethod)
  method: FollowUpMethod;

  @Field(() => Satisfaction)
  satisfaction: Satisfaction;

  @Field(() => String, { nullable: true })
  comment?: string | null;

  @Field(() => String, { nullable: true, description: 'Same key, same follow-up: a phone that resends after coming back online records it once.' })
  idempotencyKey?: string | null;
}
