/**
 * The shapes the read path hands to GraphQL, as PostgreSQL builds them
 * (issue-sql.ts) and the live feeds send them: plain JSON, timestamps as
 * ISO strings (`IsoDateTime`) in the contract's format, relations as the
 * nested rows themselves. A row carries the fields its query selected, so
 * every field is optional but the keys the planner always writes (an id, and
 * the facts field resolvers read: `regionPath`, `path`, `issueId`); keys that
 * are not GraphQL fields (`regionPath`, `issueId`, `contact`, `actionFacts`)
 * are there for the few field resolvers that need them. Code that needs a
 * field the selection may not hold has to say how it gets it.
 */
import type { PhotoRow } from '../photos/photo-sql';
import type { CadreLevel, ExtensionStatus, FollowUpMethod, GridKind, IssueChannel, IssueEventType, IssueStatus, RegionLevel, ReturnReason, Satisfaction, TimeUnit } from '../../domain/enums';

/** `2026-12-07T01:22:33.123Z`, exactly as `Date.prototype.toISOString` writes it. */
export type IsoDateTime = string;

export interface CategoryRow {
  code: string;
  name?: string;
  nameEn?: string;
  group?: string;
  responseHours?: number;
  resolveHours?: number;
  requiresAfterPhoto?: boolean;
  responseLimit?: { amount: number; unit: TimeUnit };
  resolveLimit?: { amount: number; unit: TimeUnit };
}

export interface RegionRow {
  id: string;
  name?: string;
  level?: RegionLevel;
  code?: string | null;
  /** The region's tree path (statistics of the region read it). */
  path: string;
  parent?: RegionRow | null;
  /** Instead of `parent`, where only its id was read (performance rows): the parent is loaded when asked for. */
  parentId?: string | null;
}

export interface GridRow {
  id: string;
  code?: string;
  name?: string;
  kind?: GridKind;
  boundary?: { latitude: number; longitude: number }[] | null;
  /** The grid's region path (visits and statistics read it). */
  regionPath: string;
  region?: RegionRow;
}

export interface CadreRow {
  id: string;
  name?: string;
  level?: CadreLevel;
  unit?: string;
}

/** The reporter's contact as stored, with the facts that decide who may read it unmasked (reporter-privacy.ts). */
export interface ReporterContact {
  anonymous: boolean;
  name: string | null;
  phone: string | null;
  gridId: string;
  assigneeId: string | null;
  issueId: string;
}

export interface LocationRow {
  latitude?: number | null;
  longitude?: number | null;
  address?: string | null;
}

export interface FollowUpRow {
  method?: FollowUpMethod;
  satisfaction?: Satisfaction;
  comment?: string | null;
  at?: IsoDateTime;
  by?: string;
}

/** One step of an issue's life, from the database to the client (timelines, the staff feed, its replay). */
export interface IssueEventRow {
  /** The sequence number, as the GraphQL ID. */
  id?: string;
  /** Opaque, increasing (event-cursor.ts). */
  cursor?: string;
  issueId: string;
  type?: IssueEventType;
  fromStatus?: IssueStatus | null;
  toStatus?: IssueStatus;
  note?: string | null;
  publicNote?: string | null;
  actorName?: string | null;
  at?: IsoDateTime;
  /** The event's issue as the query selected it; null when it lies outside the viewer's scope. Absent when not planned. */
  issue?: IssueRow | null;
}

export interface IssueRow {
  id?: string;
  trackingCode?: string;
  title?: string;
  description?: string;
  status?: IssueStatus;
  channel?: IssueChannel;
  version?: number;
  createdAt?: IsoDateTime;
  updatedAt?: IsoDateTime;
  responseDueAt?: IsoDateTime;
  resolveDueAt?: IsoDateTime;
  resolution?: string | null;
  overdue?: boolean;
  location?: LocationRow | null;
  followUp?: FollowUpRow | null;
  category?: CategoryRow;
  grid?: GridRow;
  assignee?: CadreRow | null;
  timeline?: IssueEventRow[];
  /** Present when the query asks for `photos`: the rows the `photos` field resolver turns into links (photos/photo-sql.ts). */
  photoRows?: PhotoRow[];
  /** Present when the query asks for `reporter`; read only through `reporterOf`. */
  contact?: ReporterContact;
  supervised?: boolean;
  urgeCount?: number;
  returnReason?: ReturnReason | null;
  extension?: ExtensionRequestRow | null;
  mergedInto?: IssueRow | null;
  duplicates?: IssueRow[];
  /** Present when the query asks for `availableActions` or `duplicateCandidates`: what the rules read. */
  actionFacts?: IssueActionFactsRow;
}

export interface ExtensionRequestRow {
  id: string;
  status?: ExtensionStatus;
  requestedDueAt?: IsoDateTime;
  reason?: string;
  requestedBy?: string;
  requestedAt?: IsoDateTime;
  decidedBy?: string | null;
  decidedAt?: IsoDateTime | null;
  decisionNote?: string | null;
}

/** The facts behind `availableActions` (available-actions.ts), planned under a hidden key. */
export interface IssueActionFactsRow {
  id: string;
  status: IssueStatus;
  version: number;
  gridId: string;
  regionPath: string;
  assigneeId: string | null;
  supervised: boolean;
  resolveDueAt: IsoDateTime;
  pendingExtensionBy: string | null;
}
