import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { Role } from '../../domain/enums';
import { optionalText, requirePageSize } from '../../domain/validate';
import { badInput } from '../../errors';
import type { Context } from '../../server/context';
import { AuditEntryConnection } from './audit.type';

const CURSOR_KIND = 'audit';

interface AuditRow {
  id: string;
  at: Date | string;
  actor_name: string;
  action: string;
  target: string | null;
  summary: string;
}

@Resolver()
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEntryConnection, { description: 'ADMIN: who changed what, newest first.' })
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('action', () => String, { nullable: true }) action?: string | null,
  ): Promise<AuditEntryConnection> {
    const size = requirePageSize(first);
    const where: SQL[] = [];
    const wanted = optionalText(action, 'action', 100);
    if (wanted) where.push(sql.fragment`action = ${sql.value(wanted)}`);
    if (after) {
      const [at, id] = decodeCursor(CURSOR_KIND, after, 2);
      const time = new Date(String(at));
      if (Number.isNaN(time.getTime()) || typeof id !== 'string') throw badInput('after is not a cursor from this list.', 'after');
      // Newest first: the next page holds what is older than the cursor (ties broken by id).
      where.push(sql.fragment`(at, id) < (${timestamptz(time)}, ${sql.value(id)}::uuid)`);
    }
    const rows = await runSql<AuditRow>(
      ctx.em,
      sql.query`select id, at, actor_name, action, target, summary from audit_entry ${where.length ? sql.fragment`where ${sql.join(where, ' and ')}` : sql.blank}
       order by at desc, id desc limit ${sql.value(size + 1)}`,
    );
    const page = rows.slice(0, size);
    const edges = page.map((row) => {
      const at = new Date(row.at);
      return {
        cursor: encodeCursor(CURSOR_KIND, [at.toISOString(), row.id]),
        node: { id: row.id, at, actorName: row.actor_name, action: row.action, target: row.target, summary: row.summary },
      };
    });
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
