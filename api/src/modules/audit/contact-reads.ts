/**
 * Every reading of a reporter's unmasked name or phone is written to the
 * audit log — who, when, which issue; never the details — so supervisors can
 * review who looked at whom. The entry is written in the same request, before
 * the answer leaves: if it cannot be written, the details are not shown.
 * A page of issues costs one insert (the reads of one request are batched).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { inlineSql, sql, timestamptz } from '../../db/sql';
import type { Viewer } from '../auth/viewer';

export const CONTACT_READ_ACTION = 'readReporterContact';

/**
 * The fields whose resolvers may write these entries. A query that selects one is left to Apollo
 * (server/direct-graphql.ts): the direct path runs a failed query again there, which would audit a read twice.
 */
export const AUDITED_FIELDS: readonly string[] = ['reporter'];
const SUMMARY = "Read the reporter's unmasked contact details";

/** One batch per request scope (the request's EntityManager fork; afresh per live event). */
const batches = new WeakMap<EntityManager, DataLoader<string, void>>();

function batchOf(em: EntityManager, viewer: Viewer): DataLoader<string, void> {
  let batch = batches.get(em);
  if (!batch) {
    batch = new DataLoader<string, void>(async (issueIds) => {
      const at = timestamptz(new Date());
      const actor = sql.fragment`${sql.value(viewer.userId)}::uuid, ${sql.value(viewer.displayName)}`;
      const rows = issueIds.map(
        (id) => sql.fragment`(gen_random_uuid(), ${at}, ${actor}, ${sql.value(CONTACT_READ_ACTION)}, ${sql.value(`Issue:${id}`)}, ${sql.value(SUMMARY)})`,
      );
      const insert = sql.query`insert into audit_entry (id, at, actor_user_id, actor_name, action, target, summary) values ${sql.join(rows, ', ')}`;
      // On the connection, not the em: outside any transaction the em has open.
      await em.getConnection().execute(inlineSql(em, insert));
      return issueIds.map(() => undefined);
    });
    batches.set(em, batch);
  }
  return batch;
}

/** Records that `viewer` was shown the unmasked contact details of an issue (once per issue and request). */
export function recordContactRead(em: EntityManager, viewer: Viewer, issueId: string): Promise<void> {
  return batchOf(em, viewer).load(issueId);
}
