import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { IssueEventType, IssueStatus } from '../../domain/enums';
import { Issue } from './issue.entity';

/**
 * One step of an issue's life: append-only, never updated. `seq` increases in
 * commit order (writers take a short lock before appending), so "every event
 * after cursor X" is a plain range query with no gaps.
 */
@Entity({ tableName: 'issue_event' })
@Index({ name: 'issue_event_issue_idx', properties: ['issue', 'seq'] })
export class IssueEvent {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  seq: number;

  @ManyToOne(() => Issue, { deleteRule: 'restrict' })
  issue: Issue;

  @Enum({ items: () => IssueEventType })
  type: IssueEventType;

  @Enum({ items: () => IssueStatus, nullable: true })
  fromStatus?: IssueStatus | null;

  @Enum({ items: () => IssueStatus })
  toStatus: IssueStatus;

  /** Staff-only. */
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** Shown to the public tracker. */
  @Property({ type: 'text', nullable: true })
  publicNote?: string | null;

  @Property({ type: 'text', nullable: true })
  actorName?: string | null;

  @Property({ type: 'timestamptz' })
  at: Date & Opt = new Date();
}
