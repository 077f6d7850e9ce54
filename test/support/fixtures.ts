/**
 * Bulk test data written straight to the database (no mutations), for tests
 * about reading: pagination, filters, statement counts.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../api/src/db/orm';
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

/**
 * A few rows of exactly what a test needs, written straight to the database, for tests that would
 * otherwise lean on the demo city (start the server with `seedDemo: false`): a region, a grid in
 * it, and issues with the status and deadlines the test names. The category catalogue and the admin
 * account are there on every start. Each call makes new rows, so tests never share state.
 */
export interface FixtureGrid {
  id: string;
  code: string;
  regionId: string;
  regionPath: string;
}

export interface FixtureIssueOptions {
  grid: FixtureGrid;
  status?: string;
  categoryCode?: string;
  assigneeId?: string | null;
  createdAt: Date;
  responseDueAt: Date;
  resolveDueAt: Date;
  /** Whether the sweep already raised these deadlines. */
  responseOverdueRaised?: boolean;
  resolveOverdueRaised?: boolean;
}

export class Fixtures {
  private readonly db: Database;

  /** On a test server's database, or on one a test opened itself (test/support/direct-db.ts). */
  constructor(source: TestServer | Database) {
    this.db = 'server' in source ? source.server.services.db : source;
  }

  private conn() {
    return this.db.orm.em.fork().getConnection();
  }

  /** A region (a top-level one unless `parentPath` is given) and a grid in it. */
  async grid(options: { parentPath?: string } = {}): Promise<FixtureGrid> {
    const regionId = randomUUID();
    const regionPath = `${options.parentPath ?? '/'}${regionId}/`;
    const code = `FX-${regionId.slice(0, 8)}`;
    const at = new Date(Date.UTC(2026, 0, 1));
    await this.conn().execute(`insert into region (id, name, level, parent_id, path, created_at) values (?, ?, 'COMMUNITY', null, ?, ?)`, [
      regionId,
      `fixture region ${code}`,
      regionPath,
      at,
    ]);
    const id = randomUUID();
    await this.conn().execute(`insert into grid (id, code, name, kind, region_id, region_path, created_at) values (?, ?, ?, 'URBAN_COMMUNITY', ?, ?, ?)`, [
      id,
      code,
      `fixture grid ${code}`,
      regionId,
      regionPath,
      at,
    ]);
    return { id, code, regionId, regionPath };
  }

  /** A cadre (no login) to assign issues to. */
  async cadre(): Promise<string> {
    const id = randomUUID();
    await this.conn().execute(`insert into cadre (id, name, level, unit, region_id, created_at) values (?, ?, 'VILLAGE', 'fixture', null, ?)`, [
      id,
      `fixture cadre ${id.slice(0, 8)}`,
      new Date(Date.UTC(2026, 0, 1)),
    ]);
    return id;
  }

  /** One issue with its SUBMITTED event; the statistics roll-ups follow by their triggers. */
  async issue(options: FixtureIssueOptions): Promise<string> {
    const id = randomUUID();
    const conn = this.conn();
    await conn.execute(
      `insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path,
        reporter_anonymous, assignee_id, version, created_at, updated_at, response_due_at, resolve_due_at,
        response_overdue_raised, resolve_overdue_raised, idempotency_scope, idempotency_key)
       values (?, ?, 'fixture', 'fixture issue', ?, ?, 'PHONE', ?, ?, true, ?, 1, ?, ?, ?, ?, ?, ?, 'fixture', ?)`,
      [
        id,
        `FX-${id.slice(0, 8).toUpperCase()}-${id.slice(9, 13).toUpperCase()}`,
        options.categoryCode ?? 'GARBAGE',
        options.status ?? 'SUBMITTED',
        options.grid.id,
        options.grid.regionPath,
        options.assigneeId ?? null,
        options.createdAt,
        options.createdAt,
        options.responseDueAt,
        options.resolveDueAt,
        options.responseOverdueRaised ?? false,
        options.resolveOverdueRaised ?? false,
        id,
      ],
    );
    await conn.execute(`insert into issue_event (issue_id, type, from_status, to_status, note, actor_name, at) values (?, 'SUBMITTED', null, 'SUBMITTED', null, null, ?)`, [
      id,
      options.createdAt,
    ]);
    return id;
  }
}
