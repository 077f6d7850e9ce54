import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { Cadre } from '../cadres/cadre.entity';
import { Issue } from '../issues/issue.entity';

/** One handing of an issue to a cadre and what the cadre made of it (assignment-ledger.ts keeps it). */
@Entity({ tableName: 'issue_assignment' })
@Index({ name: 'issue_assignment_period_idx', properties: ['assignedAt', 'cadre'] })
@Index({ name: 'issue_assignment_issue_idx', properties: ['issue', 'assignedAt'] })
// The handings still held and unresolved: the live part of 考核's `overdue`.
@Index({
  name: 'issue_assignment_open_idx',
  expression: `create index "issue_assignment_open_idx" on "issue_assignment" ("assigned_at") include ("issue_id", "cadre_id", "region_path") where "resolved_at" is null and "held"`,
})
export class IssueAssignment {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Issue, { deleteRule: 'restrict' })
  issue: Issue;

  @ManyToOne(() => Cadre, { deleteRule: 'restrict' })
  cadre: Cadre;

  @Property({ type: 'text' })
  regionPath: string;

  @Property({ type: 'timestamptz' })
  assignedAt: Date;

  /** The response window from this handing (the category's, however late the handing). */
  @Property({ type: 'timestamptz' })
  responseDueAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  respondedAt?: Date | null;

  @Property({ type: 'integer' })
  returns: number & Opt = 0;

  /** The cadre holds the issue now (false once returned, reassigned or escalated away). */
  @Property({ type: 'boolean' })
  held: boolean & Opt = true;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'boolean', nullable: true })
  resolvedOnTime?: boolean | null;

  @Property({ type: 'integer' })
  followedUp: number & Opt = 0;

  @Property({ type: 'integer' })
  satisfied: number & Opt = 0;

  @Property({ type: 'integer' })
  reopened: number & Opt = 0;
}
