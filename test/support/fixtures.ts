/**
 * Bulk test data written straight to the database (no mutations), for tests
 * about reading: pagination, filters, statement counts.
 */
import { randomUUID } from 'node:crypto';
import type { TestServer } from './harness';

export interface InsertIssuesOptions {
  count: number;
  gridCode: string;
  categoryCode?: string;
  status?: string;
  assigneeName?: string;
  eventsPerIssue?: number;
  /** createdAt of the first issue; each next one is a minute later. */
  start?: Date;
}

export async function insertIssues(t: TestServer, options: InsertIssuesOptions): Promise<string[]> {
  const conn = t.server.services.db.orm.em.fork().getConnection();
  const [grid] = await conn.execute<{ id: string; region_path: string }[]>('select id, region_path from grid where code = ?', [options.gridCode]);
  if (!grid) throw new Error(`no grid ${options.gridCode}`);
  const assignee = options.assigneeName
    ? (await conn.execute<{ id: string }[]>('select id from cadre where name = ?', [options.assigneeName]))[0]?.id
    : null;
  const start = options.start ?? new Date(Date.UTC(2026, 0, 1));
  const ids: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = randomUUID();
    ids.push(id);
    const created = new Date(start.getTime() + i * 60_000);
    await conn.execute(
      `insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path,
        reporter_anonymous, reporter_name, reporter_phone, assignee_id, version, created_at, updated_at, response_due_at, resolve_due_at,
        idempotency_scope, idempotency_key)
       values (?, ?, ?, ?, ?, ?, 'PHONE', ?, ?, false, '张三', '13812345678', ?, 1, ?, ?, ?, ?, 'fixture', ?)`,
      [
        id,
        `FX-${id.slice(0, 8).toUpperCase()}`,
        `Fixture issue ${i}`,
        `Description of fixture issue ${i}`,
        options.categoryCode ?? 'GARBAGE',
        options.status ?? 'SUBMITTED',
        grid.id,
        grid.region_path,
        assignee,
        created,
        created,
        new Date(created.getTime() + 12 * 3600_000),
        new Date(created.getTime() + 48 * 3600_000),
        id,
      ],
    );
    for (let e = 0; e < (options.eventsPerIssue ?? 1); e++) {
      await conn.execute(
        `insert into issue_event (issue_id, type, from_status, to_status, note, actor_name, at) values (?, ?, ?, ?, null, 'fixture', ?)`,
        [id, e === 0 ? 'SUBMITTED' : 'COMMENTED', e === 0 ? null : 'SUBMITTED', 'SUBMITTED', new Date(created.getTime() + e * 1000)],
      );
    }
  }
  return ids;
}
