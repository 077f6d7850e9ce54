/**
 * The documents every contender answers. The three list pages select the same
 * fields — issue, category, grid → region, assignee, timeline — so their work
 * and their answers are comparable (masked reporter data and the computed
 * `overdue` are left out: PostGraphile has neither).
 */

export const PAGE_SIZE = 50;

export const LASTMETER_PAGE = `query IssuePage($first: Int!) {
  issues(first: $first) {
    edges { cursor node {
      id trackingCode title description status channel createdAt responseDueAt resolveDueAt
      category { code name nameEn group responseHours resolveHours }
      grid { id code name kind region { id name level } }
      assignee { id name level unit }
      timeline { id type fromStatus toStatus note publicNote actorName at }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** PostGraphile's Amber preset names the primary key `rowId` (its `id` is the global node id). */
export const POSTGRAPHILE_PAGE = `query IssuePage($first: Int!) {
  allIssues(first: $first, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) {
    edges { cursor node {
      rowId trackingCode title description status channel createdAt responseDueAt resolveDueAt
      categoryByCategoryCode { code name nameEn group responseHours resolveHours }
      gridByGridId { rowId code name kind regionByRegionId { rowId name level } }
      cadreByAssigneeId { rowId name level unit }
      issueEventsByIssueId(orderBy: SEQ_ASC) { nodes { seq type fromStatus toStatus note publicNote actorName at } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Few fields (issue 15): a server that plans from the selection must profit from being asked for less. */
export const LASTMETER_FEW = `query FewFields($first: Int!) { issues(first: $first) { edges { node { id trackingCode status } } } }`;
export const POSTGRAPHILE_FEW = `query FewFields($first: Int!) {
  allIssues(first: $first, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { edges { node { rowId trackingCode status } } }
}`;

/** The public hot path: every open tracker and portal page. */
export const TRACK_ISSUE = `query Track($code: String!) {
  trackIssue(trackingCode: $code) { trackingCode status category { code name } gridName submittedAt updatedAt resolveDueAt timeline { type toStatus publicNote at } }
}`;
export const TYPENAME = `{ __typename }`;

/** The raw floor: the same page by one hand-written statement. */
export const RAW_PAGE_SQL = `select i.id, i.tracking_code, i.title, i.description, i.status, i.channel, i.created_at, i.response_due_at, i.resolve_due_at,
  json_build_object('code', c.code, 'name', c.name, 'nameEn', c.name_en, 'group', c."group", 'responseHours', c.response_hours, 'resolveHours', c.resolve_hours) as category,
  json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'kind', g.kind, 'region', json_build_object('id', r.id, 'name', r.name, 'level', r.level)) as grid,
  case when a.id is null then null else json_build_object('id', a.id, 'name', a.name, 'level', a.level, 'unit', a.unit) end as assignee,
  coalesce((select json_agg(json_build_object('id', e.seq::text, 'type', e.type, 'fromStatus', e.from_status, 'toStatus', e.to_status,
      'note', e.note, 'publicNote', e.public_note, 'actorName', e.actor_name, 'at', e.at) order by e.seq)
    from issue_event e where e.issue_id = i.id), '[]') as timeline
from (select * from issue order by created_at desc, id desc limit $1) i
join category c on c.code = i.category_code
join grid g on g.id = i.grid_id
join region r on r.id = g.region_id
left join cadre a on a.id = i.assignee_id
order by i.created_at desc, i.id desc`;

/** The raw floor's page for a cadre: the same statement over the issues its scope reaches (assigned grids, its duties, its region). */
export const RAW_SCOPED_PAGE_SQL = RAW_PAGE_SQL.replace(
  'from (select * from issue order by created_at desc, id desc limit $1) i',
  `from (select * from issue where grid_id = any($2::uuid[]) or assignee_id = $3 or region_path like $4
         order by created_at desc, id desc limit $1) i`,
);

const ISO = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The floor passing PostgreSQL's JSON through: one prepared statement writes the whole response (the same page,
 * fields and cursors as LASTMETER_PAGE asks) and the server sends its text as it is. `$where` is the issues'
 * condition (none, or a cadre's scope).
 */
function rawPageJsonSql(where: string): string {
  // Relations as correlated sub-selects (index lookups per row): cheaper here than hash joins that build their
  // tables (every cadre, grid, region) on every execution.
  return `with p as (select * from issue ${where} order by created_at desc, id desc limit ${PAGE_SIZE + 1}),
edges as (
  select p.created_at, p.id,
    translate(encode(convert_to('["issues.newest","' || ${ISO('p.created_at')} || '","' || p.id || '"]', 'UTF8'), 'base64'), E'+/=\n', '-_') as cursor,
    (select row_to_json(n) from (select p.id, p.tracking_code as "trackingCode", p.title, p.description, p.status, p.channel,
      ${ISO('p.created_at')} as "createdAt", ${ISO('p.response_due_at')} as "responseDueAt", ${ISO('p.resolve_due_at')} as "resolveDueAt",
      (select row_to_json(x) from (select c.code, c.name, c.name_en as "nameEn", c."group", c.response_hours as "responseHours", c.resolve_hours as "resolveHours"
        from category c where c.code = p.category_code) x) as category,
      (select row_to_json(x) from (select g.id, g.code, g.name, g.kind,
        (select row_to_json(y) from (select r.id, r.name, r.level from region r where r.id = g.region_id) y) as region from grid g where g.id = p.grid_id) x) as grid,
      (select row_to_json(x) from (select a.id, a.name, a.level, a.unit from cadre a where a.id = p.assignee_id) x) as assignee,
      coalesce((select array_to_json(array_agg((select row_to_json(x) from (select e.seq::text as id, e.type, e.from_status as "fromStatus", e.to_status as "toStatus",
          e.note, e.public_note as "publicNote", e.actor_name as "actorName", ${ISO('e.at')} as at) x) order by e.seq))
        from issue_event e where e.issue_id = p.id), '[]') as timeline) n) as node
  from (select * from p order by created_at desc, id desc limit ${PAGE_SIZE}) p
)
select '{"data":{"issues":{"edges":' || coalesce((select array_to_json(array_agg((select row_to_json(x) from (select edges.cursor, edges.node) x) order by created_at desc, id desc)) from edges), '[]')
  || ',"pageInfo":{"hasNextPage":' || ((select count(*) from p) > ${PAGE_SIZE})::text
  || ',"endCursor":' || coalesce((select to_json(cursor)::text from edges order by created_at, id limit 1), 'null') || '}}}}' as body`;
}

export const RAW_PAGE_JSON_SQL = rawPageJsonSql('');

/** The same for a cadre: `$1` its assigned grids, `$2` its id, `$3` its region path pattern. */
export const RAW_SCOPED_PAGE_JSON_SQL = rawPageJsonSql('where grid_id = any($1::uuid[]) or assignee_id = $2 or region_path like $3');

export const CREATE_USER = `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id } }`;

export const ISSUE_STATS = `query CityStats($regionId: ID!) {
  issueStats(regionId: $regionId) {
    total open overdue resolutionRate onTimeRate satisfactionRate avgResolveHours
    byStatus { status count }
    byCategory { category { code name } count }
  }
}`;

export const PERFORMANCE = `query Performance($groupBy: PerformanceGroup!, $from: DateTimeISO, $to: DateTimeISO) {
  performance(groupBy: $groupBy, from: $from, to: $to) {
    key name assigned respondedOnTime resolved resolvedOnTime returned overdue followedUp satisfied reopened
    responseRate resolutionRate onTimeRate satisfactionRate returnRate score rank
  }
}`;

/** The plain aggregate the assessment is measured beside: the issue table, per assignee, over the month. */
export const PLAIN_PERFORMANCE_SQL = `select assignee_id, count(*) as assigned,
    count(*) filter (where accepted_at <= response_due_at) as responded_on_time,
    count(*) filter (where status in ('RESOLVED','FOLLOWED_UP','CLOSED')) as resolved,
    count(*) filter (where resolved_at <= resolve_due_at) as resolved_on_time,
    count(*) filter (where follow_up_satisfaction is not null) as followed_up,
    count(*) filter (where follow_up_satisfaction in ('SATISFIED','BASICALLY_SATISFIED')) as satisfied
  from issue where assignee_id is not null and created_at >= $1 and created_at < $2 group by assignee_id`;

export const REPORT_ISSUE = `mutation Report($input: ReportIssueInput!) {
  reportIssue(input: $input) { trackingCode issue { status } }
}`;

export const LOGIN = `mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token } }`;

/**
 * The plain aggregate's totals for the issues under region path prefix $1, with `now` the SQL for the instant
 * deadlines are judged at (`now()`, or a parameter to compare with the roll-up at one instant). Written out by
 * hand, as a reference independent of the API's status sets: unresolved is SUBMITTED to IN_PROGRESS and RETURNED.
 */
export function plainStatsTotals(now: string): string {
  return `select count(*) as total,
     count(*) filter (where status in ('SUBMITTED','ACCEPTED','ASSIGNED','IN_PROGRESS','RETURNED','RESOLVED','FOLLOWED_UP')) as open,
     count(*) filter (where (status = 'SUBMITTED' and response_due_at < ${now}) or (status in ('SUBMITTED','ACCEPTED','ASSIGNED','IN_PROGRESS','RETURNED') and resolve_due_at < ${now})) as overdue,
     count(*) filter (where status in ('RESOLVED','FOLLOWED_UP','CLOSED')) as resolved,
     count(*) filter (where status in ('RESOLVED','FOLLOWED_UP','CLOSED') and resolved_at <= resolve_due_at) as on_time,
     count(*) filter (where follow_up_satisfaction is not null) as followed_up,
     count(*) filter (where follow_up_satisfaction in ('SATISFIED','BASICALLY_SATISFIED')) as satisfied,
     avg(extract(epoch from (resolved_at - created_at)) / 3600.0) filter (where status in ('RESOLVED','FOLLOWED_UP','CLOSED') and resolved_at is not null) as avg_resolve_hours
   from issue where region_path like $1`;
}

/** The plain aggregate the statistics must beat: the same figures straight from the issue table. */
export const PLAIN_STATS_SQL = [
  plainStatsTotals('now()'),
  `select status, count(*) from issue where region_path like $1 group by status`,
  `select category_code, count(*) from issue where region_path like $1 group by category_code`,
];
