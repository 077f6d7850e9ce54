/**
 * The audit log of administrative changes: who, when, what, a summary — never
 * passwords or personal data. An entry is persisted on the same EntityManager
 * as the change, so the flush (or the transaction) that writes the change
 * writes the entry too: both or neither. Read by the `auditLog` query (audit.resolver.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../../errors';
import type { Viewer } from '../auth/viewer';
import { AuditEntry } from './audit-entry.entity';

export interface AuditChange {
  action: string;
  /** Entity type and id, e.g. `Grid:…`. */
  target?: string | null;
  summary: string;
}

/** Queues the entry on `em`: it is written by the next flush, in that flush's transaction. */
export function audit(em: EntityManager, viewer: Viewer | null, change: AuditChange): AuditEntry {
  if (!viewer) throw unauthenticated();
  const entry = em.create(AuditEntry, {
    actorUserId: viewer.userId,
    actorName: viewer.displayName,
    action: change.action,
    target: change.target ?? null,
    summary: change.summary.slice(0, 500),
  });
  em.persist(entry);
  return entry;
}
