/**
 * Every list of issues: filters, keyset pagination and totalCount — always
 * within the viewer's scope. There is no unscoped path through this module.
 */
import { plainRowMapper } from '../../db/plain-rows';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { isUuid, requirePageSize } from '../../domain/validate';
import { badInput } from '../../errors';
import type { Context } from '../../server/context';
import { escapeLike, issueScopeCondition, type SqlCondition } from '../auth/scope';
import { requireRegion } from '../regions/region.service';
import { Cadre } from '../cadres/cadre.entity';
import { Category } from '../categories/category.entity';
import { Grid } from '../grids/grid.entity';
import { Region } from '../regions/region.entity';
import { Issue } from './issue.entity';
import { overdueSql } from './issue-states';
import type { IssueFilter } from './issue.type';

/** newest: created last first (lists); deadline: oldest resolve deadline first (duty lists). */
export type IssueOrder = 'newest' | 'deadline';

export interface IssueListOptions {
  filter?: IssueFilter | null;
  first?: number | null;
  after?: string | null;
  order?: IssueOrder;
  /** Conditions of the parent field (a grid's issues, a cadre's duties). */
  conditions?: SqlCondition[];
}

export interface IssuePage {
  edges: { cursor: string; node: Issue }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted on first read (a separate statement), so pages that do not ask for it never pay for it. */
  readonly totalCount: Promise<number>;
}

const ORDERS: Record<IssueOrder, { column: string; direction: 'asc' | 'desc'; kind: string; valueOf: (i: Issue) => Date }> = {
  newest: { column: 'created_at', direction: 'desc', kind: 'issues.newest', valueOf: (i) => i.createdAt },
  deadline: { column: 'resolve_due_at', direction: 'asc', kind: 'issues.deadline', valueOf: (i) => i.resolveDueAt },
};

function idCondition(field: string, column: string, id: string): SqlCondition {
  if (!isUuid(id)) throw badInput(`${field} is not a valid id.`, field);
  return { sql: `i.${column} = ?`, params: [id] };
}

function inList(column: string, values: readonly string[]): SqlCondition {
  if (values.length === 0) return { sql: 'false', params: [] };
  return { sql: `i.${column} in (${values.map(() => '?').join(', ')})`, params: [...values] };
}

async function filterConditions(ctx: Context, filter: IssueFilter | null | undefined): Promise<SqlCondition[]> {
  if (!filter) return [];
  const out: SqlCondition[] = [];
  if (filter.status) out.push(inList('status', filter.status));
  if (filter.categoryCode) out.push(inList('category_code', filter.categoryCode));
  if (filter.gridId) out.push(idCondition('filter.gridId', 'grid_id', filter.gridId));
  if (filter.assigneeId) out.push(idCondition('filter.assigneeId', 'assignee_id', filter.assigneeId));
  if (filter.regionId) {
    const region = await requireRegion(ctx.em, filter.regionId, 'filter.regionId');
    out.push({ sql: 'i.region_path like ?', params: [`${escapeLike(region.path)}%`] });
  }
  if (filter.overdue === true) out.push({ sql: overdueSql('i'), params: [] });
  if (filter.overdue === false) out.push({ sql: `not ${overdueSql('i')}`, params: [] });
  if (filter.createdAfter) out.push({ sql: 'i.created_at >= ?', params: [filter.createdAfter] });
  if (filter.createdBefore) out.push({ sql: 'i.created_at < ?', params: [filter.createdBefore] });
  if (filter.search !== null && filter.search !== undefined) {
    const search = filter.search.trim();
    if (search.length > 100) throw badInput('filter.search is at most 100 characters.', 'filter.search');
    if (search.length > 0) {
      const pattern = `%${escapeLike(search)}%`;
      out.push({ sql: '(i.title ilike ? or i.description ilike ? or i.tracking_code = ?)', params: [pattern, pattern, search.toUpperCase()] });
    }
  }
  return out;
}

export async function listIssues(ctx: Context, options: IssueListOptions): Promise<IssuePage> {
  const first = requirePageSize(options.first);
  const order = ORDERS[options.order ?? 'newest'];
  const conditions: SqlCondition[] = [...(options.conditions ?? []), ...(await filterConditions(ctx, options.filter))];
  const scope = issueScopeCondition(ctx.viewer, 'i');
  if (scope) conditions.push(scope);

  const where = (extra: SqlCondition[] = []) => {
    const all = [...conditions, ...extra];
    return {
      sql: all.length ? `where ${all.map((c) => c.sql).join(' and ')}` : '',
      params: all.flatMap((c) => c.params),
    };
  };

  const page: SqlCondition[] = [];
  if (options.after) {
    const [at, id] = decodeCursor(order.kind, options.after, 2);
    const time = new Date(at);
    if (Number.isNaN(time.getTime()) || typeof id !== 'string' || !isUuid(id)) {
      throw badInput('after is not a cursor from this list: pass pageInfo.endCursor back unchanged.', 'after');
    }
    const op = order.direction === 'desc' ? '<' : '>';
    page.push({ sql: `(i.${order.column}, i.id) ${op} (?, ?)`, params: [time, id] });
  }

  const conn = ctx.em.getConnection();
  const pageWhere = where(page);
  const countWhere = where();
  // One statement for the page and everything a list shows beside each issue (category, grid, its region
  // and the region's parent, assignee): the loaders are primed with them, so those fields cost no query.
  const rows = await conn.execute<Record<string, unknown>[]>(
    `select ${joinedColumns(ctx)} from (
       select i.* from issue i ${pageWhere.sql} order by i.${order.column} ${order.direction}, i.id ${order.direction} limit ?
     ) i
     join category c on c.code = i.category_code
     join grid g on g.id = i.grid_id
     join region r on r.id = g.region_id
     left join region p on p.id = r.parent_id
     left join cadre a on a.id = i.assignee_id
     order by i.${order.column} ${order.direction}, i.id ${order.direction}`,
    [...pageWhere.params, first + 1],
  );
  const hasNextPage = rows.length > first;
  const nodes = rows.slice(0, first).map((row) => mapPageRow(ctx, row));
  const edges = nodes.map((node) => ({ cursor: encodeCursor(order.kind, [order.valueOf(node).toISOString(), node.id]), node }));
  // Counting every match is the dearest part of a page over a million issues: only when asked for.
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    get totalCount() {
      total ??= conn
        .execute<{ count: string }[]>(`select count(*) as count from issue i ${countWhere.sql}`, countWhere.params)
        .then(([count]) => Number(count.count));
      return total;
    },
  };
}

/** Related rows joined into the page, each under its own column prefix. */
const JOINED = [
  { alias: 'c', prefix: 'c__', entity: Category },
  { alias: 'g', prefix: 'g__', entity: Grid },
  { alias: 'r', prefix: 'r__', entity: Region },
  { alias: 'p', prefix: 'p__', entity: Region },
  { alias: 'a', prefix: 'a__', entity: Cadre },
] as const;

let pageColumns: string | undefined;

/** `i.*` and every column of the joined tables, prefixed (derived once from the entity metadata). */
function joinedColumns(ctx: Context): string {
  if (pageColumns) return pageColumns;
  const metadata = ctx.em.getMetadata();
  const columns = ['i.*'];
  for (const { alias, prefix, entity } of JOINED) {
    const fields = new Set(metadata.get(entity.name).props.filter((p) => p.persist !== false).flatMap((p) => p.fieldNames ?? []));
    for (const field of fields) columns.push(`${alias}."${field}" as "${prefix}${field}"`);
  }
  pageColumns = columns.join(', ');
  return pageColumns;
}

/** Splits one joined row into the issue and its relations, and primes the request's loaders with them. */
function mapPageRow(ctx: Context, row: Record<string, unknown>): Issue {
  const parts: Record<string, Record<string, unknown>> = { c__: {}, g__: {}, r__: {}, p__: {}, a__: {} };
  const own: Record<string, unknown> = {};
  for (const key in row) {
    const part = key[1] === '_' && key[2] === '_' ? parts[key.slice(0, 3)] : undefined;
    if (part) part[key.slice(3)] = row[key];
    else own[key] = row[key];
  }
  // Plain, read-only rows: hydrating hundreds of ORM entities per page cost more than all the SQL.
  const metadata = ctx.em.getMetadata();
  const issue = plainRowMapper<Issue>(metadata, Issue)(own);
  const category = plainRowMapper<Category>(metadata, Category)(parts.c__);
  ctx.loaders.category.prime(category.code, category);
  const grid = plainRowMapper<Grid>(metadata, Grid)(parts.g__);
  ctx.loaders.grid.prime(grid.id, grid);
  const toRegion = plainRowMapper<Region>(metadata, Region);
  const region = toRegion(parts.r__);
  ctx.loaders.region.prime(region.id, region);
  if (parts.p__.id != null) {
    const parent = toRegion(parts.p__);
    ctx.loaders.region.prime(parent.id, parent);
  }
  if (parts.a__.id != null) {
    const cadre = plainRowMapper<Cadre>(metadata, Cadre)(parts.a__);
    ctx.loaders.cadre.prime(cadre.id, cadre);
  }
  return issue;
}

/** One issue by id, or null when it does not exist or lies outside the viewer's scope (never revealing which). */
export async function findIssueInScope(ctx: Context, id: string): Promise<Issue | null> {
  if (!isUuid(id)) return null;
  // The request's scoped loader: the same scope condition, and one statement with IssueEvent.issue lookups.
  return ctx.loaders.issueInScope.load(id);
}
