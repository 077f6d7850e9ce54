/**
 * The audit log of administrative changes: who, when, what, a summary — never
 * passwords or personal data. An entry is persisted on the same EntityManager
 * as the change, so the flush (or the transaction) that writes the change
 * writes the entry too: both or neither.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { isUuid, requirePageSize } from '../../domain/validate';
import { badInput, unauthenticated } from '../../errors';
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

export interface AuditPage {
  edges: { cursor: string; node: AuditEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const CURSOR_KIND = 'auditLog';

/** Newest first, keyset-paged on (at, id); optionally one action. */
export async function listAuditEntries(em: EntityManager, first: number | null | undefined, after: string | null | undefined, action: string | null | undefined): Promise<AuditPage> {
  const size = requirePageSize(first, 200);
  const where: Record<string, unknown> = {};
  if (action) where.action = action;
  if (after) {
    const [at, id] = decodeCursor(CURSOR_KIND, after, 2);
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !isUuid(id)) {
      throw badInput('after is not a cursor from this list: pass pageInfo.endCursor back unchanged.', 'after');
    }
    where.$or = [{ at: { $lt: new Date(at) } }, { at: new Date(at), id: { $lt: id } }];
  }
  const rows = await em.find(AuditEntry, where, { orderBy: { at: 'desc', id: 'desc' }, limit: size + 1 });
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(CURSOR_KIND, [node.at.toISOString(), node.id]), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}
