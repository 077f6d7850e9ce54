import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';

/**
 * One row of the statistics roll-up: the issues of a region's subtree (at any
 * level) in one category and status. Written only by the database trigger of
 * migration StatsRollup — never by the application — and read by stats.service.
 */
@Entity({ tableName: 'issue_stats_rollup' })
export class IssueStatsRollup {
  /** A region's path: the row counts the issues of its whole subtree. */
  @PrimaryKey({ type: 'text' })
  regionPath: string;

  @PrimaryKey({ type: 'text' })
  categoryCode: string;

  @PrimaryKey({ type: 'text' })
  status: string;

  @Property({ type: 'bigint', default: 0 })
  issues: string & Opt;

  /** Resolved (or later) by resolveDueAt. */
  @Property({ type: 'bigint', default: 0 })
  onTime: string & Opt;

  @Property({ type: 'bigint', default: 0 })
  followedUp: string & Opt;

  /** Followed up SATISFIED or BASICALLY_SATISFIED. */
  @Property({ type: 'bigint', default: 0 })
  satisfied: string & Opt;

  /** Resolved (or later) with a resolution time. */
  @Property({ type: 'bigint', default: 0 })
  resolvedN: string & Opt;

  /** Sum of (resolvedAt − createdAt) in seconds over those, exact. */
  @Property({ columnType: 'numeric', type: 'string', default: 0 })
  resolvedSeconds: string & Opt;
}
