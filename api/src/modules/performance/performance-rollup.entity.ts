import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';

/**
 * The 考核 roll-ups: per UTC day of the handing, the counts performance.service
 * sums for whole days. Written only by the database trigger of migration
 * PerformanceRollup (from the assignment ledger) — never by the application.
 */
abstract class PerformanceCounts {
  @Property({ type: 'bigint', default: 0 })
  assigned: string & Opt;

  /** Answered (started, returned or resolved) within the response window. */
  @Property({ type: 'bigint', default: 0 })
  respondedOnTime: string & Opt;

  @Property({ type: 'bigint', default: 0 })
  resolved: string & Opt;

  @Property({ type: 'bigint', default: 0 })
  resolvedOnTime: string & Opt;

  /** Resolved after the deadline: the part of `overdue` that no longer changes with the clock. */
  @Property({ type: 'bigint', default: 0 })
  resolvedLate: string & Opt;

  @Property({ type: 'bigint', default: 0 })
  returned: string & Opt;

  @Property({ type: 'bigint', default: 0 })
  followedUp: string & Opt;

  @Property({ type: 'bigint', default: 0 })
  satisfied: string & Opt;

  @Property({ type: 'bigint', default: 0 })
  reopened: string & Opt;
}

/** Per day, cadre and the issues' region (the path the ledger records): CADRE and UNIT figures. */
@Entity({ tableName: 'performance_cadre_day' })
export class PerformanceCadreDay extends PerformanceCounts {
  @PrimaryKey({ type: 'date' })
  day: string;

  @PrimaryKey({ type: 'uuid' })
  cadreId: string;

  @PrimaryKey({ type: 'text' })
  regionPath: string;
}

/** Per region at every level (a row counts its whole subtree) and day: REGION figures. */
@Entity({ tableName: 'performance_region_day' })
export class PerformanceRegionDay extends PerformanceCounts {
  @PrimaryKey({ type: 'text' })
  regionPath: string;

  @PrimaryKey({ type: 'date' })
  day: string;
}
