import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Opt } from '@mikro-orm/core';

/**
 * One line of the audit log: who did or read what, and when. Never the data
 * itself (a reading of a reporter's contact details names the issue, not the
 * name or phone).
 */
@Entity({ tableName: 'audit_entry' })
@Index({ name: 'audit_entry_at_idx', properties: ['at', 'id'] })
@Index({ name: 'audit_entry_action_at_idx', properties: ['action', 'at', 'id'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'timestamptz' })
  at: Date & Opt = new Date();

  /** The acting account (kept when the account is later removed: no foreign key). */
  @Property({ type: 'uuid', nullable: true })
  actorUserId?: string | null;

  @Property({ type: 'text' })
  actorName: string;

  /** e.g. readReporterContact, createGrid. */
  @Property({ type: 'text' })
  action: string;

  /** Entity type and id, e.g. `Issue:…`. */
  @Property({ type: 'text', nullable: true })
  target?: string | null;

  @Property({ type: 'text' })
  summary: string;
}
