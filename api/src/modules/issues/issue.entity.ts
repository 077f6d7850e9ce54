import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { FollowUpMethod, IssueChannel, IssueStatus, ReturnReason, Satisfaction } from '../../domain/enums';
import { Cadre } from '../cadres/cadre.entity';
import { Category } from '../categories/category.entity';
import { Grid } from '../grids/grid.entity';

/** One resident problem, from report to closure. Every change goes through the workflow and bumps `version`. */
@Entity({ tableName: 'issue' })
@Unique({ name: 'issue_idempotency_unique', properties: ['idempotencyScope', 'idempotencyKey'] })
@Index({ name: 'issue_region_path_idx', expression: 'create index "issue_region_path_idx" on "issue" ("region_path" text_pattern_ops, "created_at" desc)' })
@Index({ name: 'issue_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'issue_status_idx', properties: ['status', 'createdAt'] })
@Index({ name: 'issue_grid_idx', properties: ['grid', 'createdAt'] })
@Index({ name: 'issue_assignee_idx', properties: ['assignee', 'resolveDueAt'] })
@Index({ name: 'issue_category_idx', properties: ['category', 'createdAt'] })
@Index({ name: 'issue_resolve_due_idx', properties: ['resolveDueAt'] })
@Index({ name: 'issue_merged_into_idx', properties: ['mergedInto'] })
@Index({
  name: 'issue_duty_idx',
  expression: `create index "issue_duty_idx" on "issue" ("assignee_id", (not "supervised"), "resolve_due_at", "id")`,
})
@Index({
  name: 'issue_extended_idx',
  expression: `create index "issue_extended_idx" on "issue" ("region_path" text_pattern_ops) where "extended_to" is not null`,
})
// Overdue counts (statistics) read only unresolved issues past a deadline: migrations StatsRollup, OverdueRollup.
@Index({
  name: 'issue_overdue_resolve_idx',
  expression: `create index "issue_overdue_resolve_idx" on "issue" ("resolve_due_at", "region_path" text_pattern_ops) where "status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RETURNED')`,
})
@Index({
  name: 'issue_overdue_response_idx',
  expression: `create index "issue_overdue_response_idx" on "issue" ("response_due_at", "region_path" text_pattern_ops) include ("resolve_due_at") where "status" = 'SUBMITTED'`,
})
// 考核's live overdue count: the deadline of each issue still unresolved, by id (migration PerformanceRollup).
@Index({
  name: 'issue_open_due_idx',
  expression: `create index "issue_open_due_idx" on "issue" ("id") include ("resolve_due_at") where "status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RETURNED')`,
})
export class Issue {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'text', unique: true })
  trackingCode: string;

  @Property({ type: 'text' })
  title: string;

  @Property({ type: 'text' })
  description: string;

  @ManyToOne(() => Category, { deleteRule: 'restrict' })
  category: Category;

  @Enum({ items: () => IssueStatus })
  status: IssueStatus;

  @Enum({ items: () => IssueChannel })
  channel: IssueChannel;

  @ManyToOne(() => Grid, { deleteRule: 'restrict' })
  grid: Grid;

  /** The grid's region path, copied so region filters and roll-ups need no join. */
  @Property({ type: 'text' })
  regionPath: string;

  @Property({ type: 'double precision', nullable: true })
  latitude?: number | null;

  @Property({ type: 'double precision', nullable: true })
  longitude?: number | null;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ type: 'boolean' })
  reporterAnonymous: boolean & Opt = false;

  @Property({ type: 'text', nullable: true })
  reporterName?: string | null;

  @Property({ type: 'text', nullable: true })
  reporterPhone?: string | null;

  /** The reporter agreed to short messages at reporterPhone (outbound/sms). */
  @Property({ type: 'boolean', default: false })
  notify: boolean & Opt = false;

  @ManyToOne(() => Cadre, { nullable: true, deleteRule: 'restrict' })
  assignee?: Cadre | null;

  @Property({ type: 'integer' })
  version: number & Opt = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz' })
  responseDueAt: Date;

  @Property({ type: 'timestamptz' })
  resolveDueAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  @Enum({ items: () => FollowUpMethod, nullable: true })
  followUpMethod?: FollowUpMethod | null;

  @Enum({ items: () => Satisfaction, nullable: true })
  followUpSatisfaction?: Satisfaction | null;

  @Property({ type: 'text', nullable: true })
  followUpComment?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  followUpAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  followUpBy?: string | null;

  /** The idempotency key of the latest return visit: a phone resending it offline-first records it once. */
  @Property({ type: 'text', nullable: true })
  followUpKey?: string | null;

  /** Who submitted: a portal key id, a user id or a client address — a key is unique within it. */
  @Property({ type: 'text' })
  idempotencyScope: string;

  @Property({ type: 'text' })
  idempotencyKey: string;

  /** SHA-256 of the report's content: the same key with other content is a CONFLICT (null for reports stored before). */
  @Property({ type: 'text', nullable: true, hidden: true })
  idempotencyHash?: string | null;

  /** Set by the sweep when it raised OVERDUE for the response deadline (exactly once). */
  @Property({ type: 'boolean' })
  responseOverdueRaised: boolean & Opt = false;

  /** Set by the sweep when it raised OVERDUE for the resolve deadline (exactly once). */
  @Property({ type: 'boolean' })
  resolveOverdueRaised: boolean & Opt = false;

  /** Set by the sweep when it raised DUE_SOON (a share of the resolve limit passed), exactly once. */
  @Property({ type: 'boolean' })
  dueSoonRaised: boolean & Opt = false;

  /** 督办: under supervision by a higher level. */
  @Property({ type: 'boolean' })
  supervised: boolean & Opt = false;

  /** 催办: how many times the assignee was chased. */
  @Property({ type: 'integer' })
  urgeCount: number & Opt = 0;

  /** 退单: why the assignee sent it back (cleared when it is assigned again). */
  @Enum({ items: () => ReturnReason, nullable: true })
  returnReason?: ReturnReason | null;

  /** 合并: the primary issue this duplicate follows. */
  @ManyToOne(() => Issue, { nullable: true, deleteRule: 'set null' })
  mergedInto?: Issue | null;

  /** The resolve deadline after the latest approved extension (shown to the resident). */
  @Property({ type: 'timestamptz', nullable: true })
  extendedTo?: Date | null;
}
