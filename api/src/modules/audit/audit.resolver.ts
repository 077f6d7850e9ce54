import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { Context } from '../../server/context';
import { listAuditEntries, type AuditPage } from './audit.service';
import { AuditEntryConnection } from './audit.type';

@Resolver()
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEntryConnection, { description: 'ADMIN: who changed what, newest first.' })
  auditLog(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('action', () => String, { nullable: true }) action?: string | null,
  ): Promise<AuditPage> {
    return listAuditEntries(ctx.em, first, after, action);
  }
}
