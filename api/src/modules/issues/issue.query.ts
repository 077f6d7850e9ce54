/**
 * Every read of issues: a page (filters, keyset pagination, totalCount) or
 * one issue, planned from what the query selects and answered by one
 * statement whose JSON is the answer (issue-sql.ts). Always within the
 * viewer's scope; the one read that lifts it, {@link readIssueAfterWrite},
 * says why.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { runReadPath } from '../auth/viewer-check';
import { runSql, sql, type SQL } from '../../db/sql';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { isUuid, requirePageSize } from '../../domain/validate';
import { badInput } from '../../errors';
import type { Context } from '../../server/context';
import type { JsonSelection } from '../../server/json-answers';
import { selectionAt, selectionOf, type Selection } from '../../server/selection';
import { escapeLike, inSubtree, issueScopeSql } from '../auth/scope';
import { requireRegion } from '../regions/region.service';
import type { IssueRow } from './issue.row';
import { issueJson, jsonArray, objectJson, type JsonType } from './issue-json';
import { isoTime, issueObject, jsonObject, type PlanContext } from './issue-sql';
import { UNRESOLVED_STATUSES, overdueCondition, statusList } from './issue-states';
import { systemClock } from '../../domain/clock';
import type { IssueFilter } from './issue.type';

/** newest: created last first (lists); deadline: supervised (督办) issues first, then the oldest resolve deadline first (duty lists). */
export type IssueOrder = 'newest' | 'deadline';

/** The list a connection belongs to: all issues, a grid's, or a cadre's duties. */
export type IssueParent = { gridId: string } | { assigneeId: string };

export interface IssueListOptions {
  filter?: IssueFilter | null;
  first?: number | null;
  after?: string | null;
  order?: IssueOrder;
  parent?: IssueParent;
}

export interface IssueEdgeRow {
  cursor: string;
  node: IssueRow;
}

/** An IssueConnection as GraphQL reads it: plain values, totalCount only when the query asked for it. */
export interface IssuePage {
  edges: IssueEdgeRow[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

const ORDERS: Record<IssueOrder, { column: string; direction: 'asc' | 'desc'; kind: string; supervisedFirst: boolean }> = {
  newest: { column: 'created_at', direction: 'desc', kind: 'issues.newest', supervisedFirst: false },
  deadline: { column: 'resolve_due_at', direction: 'asc', kind: 'issues.duty', supervisedFirst: true },
};

const i = sql.identifier('i');

function idCondition(field: string, name: string, id: string): SQL {
  if (!isUuid(id)) throw badInput(`${field} is not a valid id.`, field);
  return sql.fragment`${i}.${sql.identifier(name)} = ${sql.value(id)}::uuid`;
}

function inList(name: string, values: readonly string[]): SQL {
  if (values.length === 0) return sql.fragment`false`;
  return sql.fragment`${i}.${sql.identifier(name)} in (${sql.join(values.map((v) => sql.value(v)), ', ')})`;
}

/** The IssueFilter as conditions over issue alias `i` (also the export's: exports/issue-export.ts). */
export async function filterConditions(ctx: Pick<Context, 'em'> & { app?: Pick<Context['app'], 'clock'> }, filter: IssueFilter | null | undefined): Promise<SQL[]> {
  if (!filter) return [];
  const out: SQL[] = [];
  if (filter.status) out.push(inList('status', filter.status));
  if (filter.categoryCode) out.push(inList('category_code', filter.categoryCode));
  if (filter.gridId) out.push(idCondition('filter.gridId', 'grid_id', filter.gridId));
  if (filter.assigneeId) out.push(idCondition('filter.assigneeId', 'assignee_id', filter.assigneeId));
  if (filter.regionId) {
    const region = await requireRegion(ctx.em, filter.regionId, 'filter.regionId');
    out.push(inSubtree(i, region.path));
  }
  if (filter.overdue === true) out.push(overdueCondition(i, clockNow(ctx)));
  if (filter.overdue === false) out.push(sql.fragment`not ${overdueCondition(i, clockNow(ctx))}`);
  if (filter.createdAfter) out.push(sql.fragment`${i}.created_at >= ${sql.value(filter.createdAfter)}`);
  if (filter.createdBefore) out.push(sql.fragment`${i}.created_at < ${sql.value(filter.createdBefore)}`);
  if (filter.search !== null && filter.search !== undefined) {
    const search = filter.search.trim();
    if (search.length > 100) throw badInput('filter.search is at most 100 characters.', 'filter.search');
    if (search.length > 0) {
      const pattern = sql.value(`%${escapeLike(search)}%`);
      out.push(sql.fragment`(${i}.title ilike ${pattern} or ${i}.description ilike ${pattern} or ${i}.tracking_code = ${sql.value(search.toUpperCase())})`);
    }
  }
  return out;
}

function parentCondition(parent: IssueParent | undefined): SQL[] {
  if (!parent) return [];
  if ('gridId' in parent) return [sql.fragment`${i}.grid_id = ${sql.value(parent.gridId)}::uuid`];
  return [sql.fragment`${i}.assignee_id = ${sql.value(parent.assigneeId)}::uuid`];
}

/**
 * The plan of an issue object for a selection: its SQL, built once per selection (selections are themselves
 * cached per document and directive values, server/selection.ts). An issue reached through a timeline's
 * `issue` carries the viewer's scope, and so do a merged issue's `mergedInto` and `duplicates`: such plans
 * are built per request.
 */
const plans = new WeakMap<Selection, SQL>();

/** A test's pinned clock, if any (undefined: the database's now()). Exports read without an app: the system clock. */
function clockNow(ctx: { app?: Pick<Context['app'], 'clock'> }): Date | undefined {
  return !ctx.app || ctx.app.clock === systemClock ? undefined : ctx.app.clock.now();
}

function issuePlan(selection: Selection, ctx: Context): SQL {
  const now = clockNow(ctx);
  // A test's clock is read per request, and mergedInto/duplicates carry the viewer's scope: such plans are not cached.
  if (selection.timeline?.issue || selection.mergedInto || selection.duplicates || now) return issueObject(i, selection, { viewer: ctx.viewer, now });
  let plan = plans.get(selection);
  if (!plan) plans.set(selection, (plan = issueObject(i, selection, { viewer: null })));
  return plan;
}

const where = (conditions: SQL[]) => (conditions.length ? sql.fragment`where ${sql.join(conditions, ' and ')}` : sql.blank);

/** What PostgreSQL answers for a page: the rows (one more than asked, to tell whether there is a next page) and the count. */
interface PageAnswer {
  page: { node: IssueRow; id: string; at: string; lead: boolean }[];
  total: number | string | null;
}

/** What every page of issues is made of, whichever way it is answered. */
interface PagePlan {
  first: number;
  order: (typeof ORDERS)[IssueOrder];
  /** The page's rows, one more than asked (to tell whether there is a next page): `with i as (rows)`. */
  rows: SQL;
  orderBy: SQL;
  /** `(not i.supervised)`: the duty list's leading sort key. */
  unsupervised: SQL;
  /** Every match counted: only when the query asks for totalCount. */
  count: SQL;
}

async function planPage(ctx: Context, options: IssueListOptions): Promise<PagePlan> {
  const first = requirePageSize(options.first);
  const order = ORDERS[options.order ?? 'newest'];
  const conditions = [...parentCondition(options.parent), ...(await filterConditions(ctx, options.filter))];
  const scope = issueScopeSql(ctx.viewer, i);
  if (scope) conditions.push(scope);

  const keyset: SQL[] = [];
  // Duty lists put supervised issues first: `not supervised` leads the sort key (false sorts before true).
  const unsupervised = sql.fragment`(not ${i}.supervised)`;
  if (options.after) {
    const parts = decodeCursor(order.kind, options.after, order.supervisedFirst ? 3 : 2);
    const [at, id] = parts.slice(-2);
    const lead = order.supervisedFirst ? parts[0] : 0;
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !isUuid(id) || (lead !== 0 && lead !== 1)) {
      throw badInput('after is not a cursor from this list: pass pageInfo.endCursor back unchanged.', 'after');
    }
    const op = sql.raw(order.direction === 'desc' ? '<' : '>');
    keyset.push(
      order.supervisedFirst
        ? sql.fragment`(${unsupervised}, ${i}.${sql.identifier(order.column)}, ${i}.id) ${op} (${sql.value(lead === 1)}::boolean, ${sql.value(at)}::timestamptz, ${sql.value(id)}::uuid)`
        : sql.fragment`(${i}.${sql.identifier(order.column)}, ${i}.id) ${op} (${sql.value(at)}::timestamptz, ${sql.value(id)}::uuid)`,
    );
  }
  const direction = sql.raw(order.direction);
  const orderBy = sql.fragment`${order.supervisedFirst ? sql.fragment`${unsupervised} ${direction}, ` : sql.blank}${i}.${sql.identifier(order.column)} ${direction}, ${i}.id ${direction}`;
  // The size is written into the text (not a parameter) so that PostgreSQL keeps one generic plan per page size.
  const rows = sql.fragment`select ${i}.* from issue ${i} ${where([...conditions, ...keyset])} order by ${orderBy} limit ${sql.literal(first + 1)}`;
  return { first, order, rows, orderBy, unsupervised, count: sql.fragment`(select count(*) from issue ${i} ${where(conditions)})` };
}

/**
 * A page of issues, as the connection field (`info`) selects it: one
 * statement for the page, every relation and timeline it shows, and the
 * count when asked for.
 */
export async function listIssues(ctx: Context, options: IssueListOptions, info: GraphQLResolveInfo): Promise<IssuePage> {
  const selection = selectionOf(info);
  const node = selectionAt(selection, ['edges', 'node']) ?? {};
  const { first, order, rows, orderBy, unsupervised, count } = await planPage(ctx, options);
  // Counting every match is the dearest part of a page over a million issues: only when asked for.
  const total = selection.totalCount ? count : sql.null;
  const [answer] = await runReadPath<PageAnswer>(
    ctx,
    sql.query`with ${i} as (${rows})
    select ${total} as total, coalesce((
      select json_agg(${jsonObject([
        ['node', issuePlan(node, ctx)],
        ['id', sql.fragment`${i}.id`],
        ['lead', unsupervised],
        ['at', isoTime(sql.fragment`${i}.${sql.identifier(order.column)}`)],
      ])} order by ${orderBy}) from ${i}
    ), '[]'::json) as page`,
  );
  const page = answer.page;
  const hasNextPage = page.length > first;
  const edges = page
    .slice(0, first)
    .map((row) => ({ cursor: encodeCursor(order.kind, order.supervisedFirst ? [row.lead ? 1 : 0, row.at, row.id] : [row.at, row.id]), node: row.node }));
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: answer.total === null ? undefined : Number(answer.total),
  };
}

/**
 * A page of issues as the response's own JSON text (issue-json.ts), when `selection` asks only for plain data;
 * null when it needs the resolvers (then listIssues answers). One statement, as listIssues.
 */
export async function listIssuesAsJson(ctx: Context, options: IssueListOptions, selection: JsonSelection): Promise<string | null> {
  const plan = await planPage(ctx, options);
  const connection = connectionJson(selection, plan, { viewer: ctx.viewer, now: clockNow(ctx) });
  if (!connection) return null;
  const [answer] = await runReadPath<{ connection: string }>(ctx, sql.query`with ${i} as (${plan.rows}) select ${connection}::text as connection`);
  return answer.connection;
}

/** An IssueConnection over the rows of `with i as (plan.rows)`, keys and order as selected; null when it cannot be written here. */
function connectionJson(selection: JsonSelection, plan: PagePlan, context: PlanContext): SQL | null {
  const { first, orderBy } = plan;
  const cursor = cursorSql(plan);
  const edge: JsonType = { name: 'IssueEdge', columns: { cursor: () => cursor }, relations: { node: (t, fields) => issueJson(t, fields, context) } };
  const pageInfo: JsonType = {
    name: 'PageInfo',
    columns: {
      hasNextPage: () => sql.fragment`(select count(*) from ${i}) > ${sql.literal(first)}`,
      // The last edge's cursor: the row at min(first, rows), none on an empty page.
      endCursor: () => sql.fragment`(select ${cursor} from ${i} order by ${orderBy} offset greatest(least(${sql.literal(first)}, (select count(*) from ${i})) - 1, 0) limit 1)`,
    },
  };
  const connection: JsonType = {
    name: 'IssueConnection',
    columns: { totalCount: () => plan.count },
    relations: {
      edges: (t, fields) => {
        const object = objectJson(t, fields, edge, context);
        return object && jsonArray(object, sql.fragment`from (select * from ${i} order by ${orderBy} limit ${sql.literal(first)}) as ${i}`, orderBy);
      },
      pageInfo: (t, fields) => objectJson(t, fields, pageInfo, context),
    },
  };
  return objectJson(i, selection, connection, context);
}

/**
 * A row's cursor as encodeCursor writes it: base64url of `["kind",lead?,"at","id"]`. PostgreSQL's base64 has
 * padding and a line break every 76 characters; base64url has neither.
 */
function cursorSql({ order, unsupervised }: PagePlan): SQL {
  const lead = order.supervisedFirst ? sql.fragment`${unsupervised}::int || ',' || ` : sql.blank;
  const text = sql.fragment`${sql.literal(`["${order.kind}",`)} || ${lead}'"' || ${isoTime(sql.fragment`${i}.${sql.identifier(order.column)}`)} || '","' || ${i}.id || '"]'`;
  return sql.fragment`translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/=\n', '-_')`;
}

async function readIssue(ctx: Context, id: string, selection: Selection, scope: SQL | null): Promise<IssueRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await runReadPath<{ node: IssueRow }>(
    ctx,
    sql.query`select ${issuePlan(selection, ctx)} as node from issue ${i} where ${i}.id = ${sql.value(id)}::uuid${
      scope ? sql.fragment` and ${scope}` : sql.blank
    }`,
  );
  return row?.node ?? null;
}

/** One issue by id as `info` selects it, or null when it does not exist or lies outside the viewer's scope (never revealing which). */
export function findIssueInScope(ctx: Context, id: string, info: GraphQLResolveInfo): Promise<IssueRow | null> {
  return readIssue(ctx, id, selectionOf(info), issueScopeSql(ctx.viewer, i));
}

/**
 * The answer of a workflow mutation: the issue as its actor just changed it.
 * Scope is lifted here, and only here, because the actor was allowed to make
 * the change (checked in the transaction) and a move can take the issue out
 * of its actor's scope (escalating hands it to another cadre). Everything it
 * reaches beyond the issue itself is still scoped and masked.
 */
export function readIssueAfterWrite(ctx: Context, id: string, info: GraphQLResolveInfo): Promise<IssueRow | null> {
  return readIssue(ctx, id, selectionOf(info), null);
}

/** 30 days: older reports are not offered as duplicates. */
const DUPLICATE_WINDOW_DAYS = 30;
/** Metres per degree of latitude (a sphere of the Earth's mean radius): plenty for "within 250 m". */
const METRES_PER_DEGREE = 111_195;

/** Per request (context), per planned selection and arguments: the duplicate candidates of a page's issues, loaded together. */
const candidateLoaders = new WeakMap<Context, WeakMap<Selection, Map<string, DataLoader<string, IssueRow[]>>>>();

/**
 * Open issues of the same category reported in the last 30 days, in the same
 * grid or — when both have a location — within `within` metres, newest first,
 * through the viewer's scope; planned as `info` selects them. Asked for every
 * issue of a page, the page's candidates come in one statement.
 */
export function findDuplicateCandidates(
  ctx: Context,
  issueId: string,
  args: { within: number; first: number },
  info: GraphQLResolveInfo,
): Promise<IssueRow[]> {
  if (!Number.isInteger(args.within) || args.within <= 0 || args.within > 10_000) {
    throw badInput('within must be a whole number of metres from 1 to 10000.', 'within');
  }
  const first = requirePageSize(args.first, 50);
  const selection = selectionOf(info);
  let bySelection = candidateLoaders.get(ctx);
  if (!bySelection) candidateLoaders.set(ctx, (bySelection = new WeakMap()));
  let byArgs = bySelection.get(selection);
  if (!byArgs) bySelection.set(selection, (byArgs = new Map()));
  const key = `${args.within}:${first}`;
  let loader = byArgs.get(key);
  if (!loader) byArgs.set(key, (loader = new DataLoader((ids) => loadDuplicateCandidates(ctx, ids, args.within, first, selection))));
  return loader.load(issueId);
}

/** The candidates of each of `ids`, in their order: one statement, a lateral page per issue. */
async function loadDuplicateCandidates(ctx: Context, ids: readonly string[], within: number, first: number, selection: Selection): Promise<IssueRow[][]> {
  const o = sql.identifier('o');
  const c = sql.identifier('c');
  const scope = issueScopeSql(ctx.viewer, i);
  const near = sql.fragment`(${o}.latitude is not null and ${o}.longitude is not null and ${i}.latitude is not null and ${i}.longitude is not null
    and ${sql.value(METRES_PER_DEGREE)}::float8 * sqrt(power(${i}.latitude - ${o}.latitude, 2)
      + power((${i}.longitude - ${o}.longitude) * cos(radians(${o}.latitude)), 2)) <= ${sql.value(within)}::float8)`;
  const rows = await runSql<{ for_id: string; node: IssueRow }>(
    ctx.em,
    sql.query`select ${o}.id::text as for_id, ${c}.node
      from issue ${o} cross join lateral (
        select ${issueObject(i, selection, ctx)} as node, ${i}.created_at as at, ${i}.id as id
        from issue ${i}
        where ${i}.category_code = ${o}.category_code and ${i}.id <> ${o}.id
          and ${i}.status in ${statusList(UNRESOLVED_STATUSES)}
          and ${i}.created_at > now() - ${sql.value(`${DUPLICATE_WINDOW_DAYS} days`)}::interval
          and (${i}.grid_id = ${o}.grid_id or ${near})${scope ? sql.fragment` and ${scope}` : sql.blank}
        order by ${i}.created_at desc, ${i}.id desc limit ${sql.literal(first)}) ${c}
      where ${o}.id in (${sql.join(
        ids.map((id) => sql.fragment`${sql.value(id)}::uuid`),
        ', ',
      )})
      order by ${o}.id, ${c}.at desc, ${c}.id desc`,
  );
  const byIssue = new Map<string, IssueRow[]>();
  for (const row of rows) {
    const list = byIssue.get(row.for_id);
    if (list) list.push(row.node);
    else byIssue.set(row.for_id, [row.node]);
  }
  return ids.map((id) => byIssue.get(id.toLowerCase()) ?? []);
}
