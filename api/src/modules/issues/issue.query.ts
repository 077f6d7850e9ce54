/**
 * Every list of issues: filters, keyset pagination and totalCount — always
 * within the viewer's scope. There is no unscoped path through this module.
 */
import { plainRowMapper } from '../../db/plain-rows';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { isUuid, requirePageSize } from '../../domain/validate';
import { badInput } from '../../errors';
import type { Context } from '../../server/context';
import { selects } from '../../server/selection';
import { escapeLike, issueScopeCondition, type SqlCondition } from '../auth/scope';
import { requireRegion } from '../regions/region.service';
import { Cadre } from '../cadres/cadre.entity';
import { Category } from '../categories/category.entity';
import { Grid } from '../grids/grid.entity';
import { Region } from '../regions/region.entity';
import { Issue } from './issue.entity';
import { IssueEvent } from './issue-event.entity';
import { overdueSql } from './issue-states';
import type { IssueFilter } from './issue.type';
import type { GraphQLResolveInfo } from 'graphql';

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

/** Where a connection's query reaches the issues' timelines. */
const TIMELINE = ['edges', 'node', 'timeline'];

/**
 * A page of issues. `info` (the connection field's) tells whether the query
 * shows timelines: then they come in the same statement as the page.
 */
export async function listIssues(ctx: Context, options: IssueListOptions, info?: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Promise<IssuePage> {
  const withTimeline = info ? selects(info, TIMELINE) : false;
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
  // and the region's parent, assignee, and the timeline when asked for): the loaders are primed with them,
  // so those fields cost no query.
  const rows = await conn.execute<Record<string, unknown>[]>(
    `select ${PAGE_COLUMNS}${withTimeline ? `, ${TIMELINE_COLUMN}` : ''} from (
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

/**
 * The page's columns: the issue and each related row as one JSON object
 * (parsed natively by the driver: far cheaper than dozens of typed columns
 * per row). Timelines, when asked for, as one JSON array per issue.
 */
const PAGE_COLUMNS = `row_to_json(i) as "i__", row_to_json(c) as "c__", row_to_json(g) as "g__", row_to_json(r) as "r__", row_to_json(p) as "p__", row_to_json(a) as "a__"`;
const TIMELINE_COLUMN = `coalesce((select json_agg(e order by e.seq) from issue_event e where e.issue_id = i.id), '[]') as "t__"`;

type JsonRow = Record<string, unknown>;

/** Maps one page row to the issue, and primes the request's loaders with its relations. */
function mapPageRow(ctx: Context, row: Record<string, unknown>): Issue {
  // Plain, read-only rows: hydrating hundreds of ORM entities per page cost more than all the SQL.
  const metadata = ctx.em.getMetadata();
  const issue = plainRowMapper<Issue>(metadata, Issue)(row.i__ as JsonRow);
  const category = plainRowMapper<Category>(metadata, Category)(row.c__ as JsonRow);
  ctx.loaders.category.prime(category.code, category);
  const grid = plainRowMapper<Grid>(metadata, Grid)(row.g__ as JsonRow);
  ctx.loaders.grid.prime(grid.id, grid);
  const toRegion = plainRowMapper<Region>(metadata, Region);
  const region = toRegion(row.r__ as JsonRow);
  ctx.loaders.region.prime(region.id, region);
  if (row.p__) {
    const parent = toRegion(row.p__ as JsonRow);
    ctx.loaders.region.prime(parent.id, parent);
  }
  if (row.a__) {
    const cadre = plainRowMapper<Cadre>(metadata, Cadre)(row.a__ as JsonRow);
    ctx.loaders.cadre.prime(cadre.id, cadre);
  }
  if (row.t__) ctx.loaders.eventsByIssue.prime(issue.id, (row.t__ as JsonRow[]).map(plainRowMapper<IssueEvent>(metadata, IssueEvent)));
  return issue;
}

/** One issue by id, or null when it does not exist or lies outside the viewer's scope (never revealing which). */
export async function findIssueInScope(ctx: Context, id: string): Promise<Issue | null> {
  if (!isUuid(id)) return null;
  // The request's scoped loader: the same scope condition, and one statement with IssueEvent.issue lookups.
  // Keyed by the id as PostgreSQL prints it: ids are case-insensitive.
  return ctx.loaders.issueInScope.load(id.toLowerCase());
}
