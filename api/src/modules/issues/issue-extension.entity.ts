import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';
import { ExtensionStatus } from '../../domain/enums';
import { Issue } from './issue.entity';

/** 延期: a request by the assignee for a later resolve deadline, and its decision. At most one PENDING per issue. */
@Entity({ tableName: 'issue_extension' })
@Index({ name: 'issue_extension_issue_idx', properties: ['issue', 'requestedAt'] })
@Index({
  name: 'issue_extension_pending_unique',
  expression: `create unique index "issue_extension_pending_unique" on "issue_extension" ("issue_id") where "status" = 'PENDING'`,
})
export class IssueExtension {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Issue, { deleteRule: 'restrict' })
  issue: Issue;

  @Enum({ items: () => ExtensionStatus })
  status: ExtensionStatus;

  @Property({ type: 'timestamptz' })
  requestedDueAt: Date;

  @Property({ type: 'text' })
  reason: string;

  /** The requester's display name (shown to staff). */
  @Property({ type: 'text' })
  requestedBy: string;

  /** Who may not decide it. */
  @Property({ type: 'uuid' })
  requestedByUserId: string;

  @Property({ type: 'timestamptz' })
  requestedAt: Date;

  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  decisionNote?: string | null;
}
