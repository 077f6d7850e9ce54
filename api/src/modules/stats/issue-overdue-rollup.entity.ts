import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';

/**
 * One row of the overdue roll-up: the unresolved issues of a region's subtree
 * (at any level) in one category whose resolve deadline falls on one UTC day.
 * Written only by the database trigger of migration OverdueRollup — never by
 * the application — and read by stats.service.
 */
@Entity({ tableName: 'issue_overdue_rollup' })
export class IssueOverdueRollup {
  /** A region's path: the row counts the issues of its whole subtree. */
  @PrimaryKey({ type: 'text' })
  regionPath: string;

  @PrimaryKey({ type: 'date' })
  dueDay: string;

  @PrimaryKey({ type: 'text' })
  categoryCode: string;

  @Property({ type: 'bigint', default: 0 })
  issues: string & Opt;
}
