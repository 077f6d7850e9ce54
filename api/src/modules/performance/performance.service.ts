/**
 * 考核: per cadre, unit or region, over the handings (assignment-ledger.ts)
 * made in a period [from, to): how many, answered within the response window,
 * resolved (in time, against the deadline after approved extensions),
 * returned, overdue, and the residents' return visits. One statement counts
 * them and computes the rates, the weighted score, the rank and the order:
 *
 *  - responseRate = respondedOnTime / assigned (answered: started, returned or resolved)
 *  - resolutionRate = resolved / assigned; onTimeRate = resolvedOnTime / resolved
 *  - satisfactionRate = satisfied / followedUp; returnRate = returned / assigned
 *  - score = weighted mean of the response, resolution and satisfaction rates
 *    (PERFORMANCE_WEIGHTS) over those that are not null, × 100; null when all are
 *  - rank: 1 for the best score, equal scores share a rank (1, 2, 2, 4), no score last;
 *    rows in rank order, then by name and key in code point order (the same on both databases)
 *
 * The counts come from the daily roll-ups (migration PerformanceRollup) for
 * the whole UTC days of the period, from the ledger for the pieces of a day
 * at either end, and, for the part of `overdue` that changes with the clock
 * (held, unresolved, past the issue's deadline), from the few open handings.
 * `source: 'ledger'` computes everything from the ledger directly: the
 * reference the roll-up answer must equal (tests, bench).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PerformanceWeights } from '../../config';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import { CadreLevel, PerformanceGroup, RegionLevel, Role } from '../../domain/enums';
import { isUuid } from '../../domain/validate';
import { badInput, forbidden, notFound } from '../../errors';
import { inSubtree } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import { UNRESOLVED_STATUSES, statusList } from '../issues/issue-states';
import type { JsonSelection } from '../../server/json-answers';
import type { PerformanceRowType } from './performance.type';

export interface PerformanceArgs {
  groupBy: PerformanceGroup;
  regionId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const DEFAULT_DAYS = 30;
/** Statuses are our own constants, written inline: the open-deadline index's condition names the same list. */
const UNRESOLVED = statusList(UNRESOLVED_STATUSES);

/** The columns every counting statement gives per group. */
const COUNT_COLUMNS = ['key', 'name', 'level', 'unit', 'code', 'path', 'parent_id', 'assigned', 'responded_on_time', 'resolved', 'resolved_on_time', 'returned', 'overdue', 'followed_up', 'satisfied', 'reopened'];

/** The columns of a ranked row, in the order the object answer's JSON tuples carry them. */
const RANKED_COLUMNS = [...COUNT_COLUMNS, 'response_rate', 'resolution_rate', 'on_time_rate', 'satisfaction_rate', 'return_rate', 'score', 'rank'];

/**
 * One group's ranked row as a JSON tuple (RANKED_COLUMNS). The cadre's (CADRE)
 * or region's (REGION) own columns are null for the other groupings.
 */
type RankedTuple = [
  key: string,
  name: string,
  level: string | null,
  unit: string | null,
  code: string | null,
  path: string | null,
  parentId: string | null,
  assigned: number,
  respondedOnTime: number,
  resolved: number,
  resolvedOnTime: number,
  returned: number,
  overdue: number,
  followedUp: number,
  satisfied: number,
  reopened: number,
  responseRate: number | null,
  resolutionRate: number | null,
  onTimeRate: number | null,
  satisfactionRate: number | null,
  returnRate: number | null,
  score: number | null,
  rank: number,
];

export interface RegionFacts {
  id: string;
  path: string;
}

/** The region the figures are limited to: the one asked for (within the viewer's scope), or the viewer's scope. */
async function regionOf(em: EntityManager, viewer: Viewer, regionId: string | null | undefined): Promise<RegionFacts | null> {
  if (!maySeePerformance(viewer)) {
    throw forbidden('Performance figures are for admins and cadres with a scope region.');
  }
  let region: RegionFacts | null = null;
  if (regionId !== null && regionId !== undefined) {
    const [row] = isUuid(regionId) ? await runSql<RegionFacts>(em, sql.query`select id, path from region where id = ${sql.value(regionId)}`) : [];
    if (!row) throw notFound('Region (regionId)', regionId);
    region = row;
  } else if (viewer.role === Role.CADRE) {
    const [row] = await runSql<RegionFacts>(em, sql.query`select id, path from region where path = ${sql.value(viewer.scopeRegionPath)}`);
    region = row ?? null;
  }
  if (viewer.role === Role.CADRE && (!region || !region.path.startsWith(viewer.scopeRegionPath!))) {
    throw forbidden('regionId lies outside your scope region.');
  }
  return region;
}

/** Where the counts come from: the roll-ups (and the ledger for partial days), or the ledger alone. */
export type PerformanceSource = 'rollup' | 'ledger';

interface GroupPlan {
  /** The join that brings the group in (from the counts `a`, with a.cadre_id and a.region_path). */
  join: SQL;
  groupBy: SQL;
  key: SQL;
  name: SQL;
  /**
   * The group's own columns (level, unit, code, path, parent_id), null where the grouping has none, and its name
   * and unit as JSON string text in ASCII (name_json, unit_json: migration PerformanceJsonText) for the JSON answer.
   */
  columns: SQL;
}

/** `r.path` as a LIKE pattern matching its subtree. */
const likePath = sql.fragment`replace(replace(replace(r.path, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;

/** Per grouping: the join that brings the group in, the grouping and the row's key, name and object. */
function groupPlan(groupBy: PerformanceGroup, region: RegionFacts | null): GroupPlan {
  switch (groupBy) {
    case PerformanceGroup.CADRE:
      return {
        join: sql.fragment`join cadre c on c.id = a.cadre_id`,
        groupBy: sql.fragment`c.id, c.name, c.level, c.unit`,
        key: sql.fragment`c.id::text`,
        name: sql.fragment`c.name`,
        columns: sql.fragment`c.level, c.unit, null::text as code, null::text as path, null::text as parent_id, c.name_json, c.unit_json`,
      };
    case PerformanceGroup.UNIT:
      return {
        join: sql.fragment`join cadre c on c.id = a.cadre_id`,
        groupBy: sql.fragment`c.unit`,
        key: sql.fragment`c.unit`,
        name: sql.fragment`c.unit`,
        columns: sql.fragment`null::text as level, null::text as unit, null::text as code, null::text as path, null::text as parent_id, lastmeter_json_ascii(c.unit) as name_json, null::text as unit_json`,
      };
    // One row per region directly below the one asked for (below the top when none).
    case PerformanceGroup.REGION:
      return {
        join: sql.fragment`join region r on ${childOf(sql.fragment`r`, region)} and a.region_path like ${likePath}`,
        groupBy: sql.fragment`r.id, r.name, r.level, r.code, r.path, r.parent_id`,
        key: sql.fragment`r.id::text`,
        name: sql.fragment`r.name`,
        columns: sql.fragment`r.level, null::text as unit, r.code, r.path, r.parent_id::text, lastmeter_json_ascii(r.name) as name_json, null::text as unit_json`,
      };
    default:
      throw badInput('groupBy must be CADRE, UNIT or REGION.', 'groupBy');
  }
}

/** Regions `alias` directly below `region` (the top regions when none). */
function childOf(alias: SQL, region: RegionFacts | null): SQL {
  return region ? sql.fragment`${alias}.parent_id = ${sql.value(region.id)}::uuid` : sql.fragment`${alias}.parent_id is null`;
}

/**
 * The condition limiting rows of `alias` to the region's subtree (none for the whole city: `like '%'` cost a
 * test per row).
 */
type Within = (alias: SQL) => SQL;

function withinRegion(region: RegionFacts | null): Within {
  if (!region) return () => sql.blank;
  return (alias) => sql.fragment` and ${inSubtree(alias, region.path)}`;
}

/** Every count straight from the handings made in [from, to). */
function ledgerStatement(plan: GroupPlan, from: Date, to: Date, within: Within, now: Date): SQL {
  const a = sql.fragment`a`;
  return sql.query`select ${plan.key} as key, ${plan.name} as name, ${plan.columns},
       count(*) as assigned,
       count(*) filter (where a.responded_at is not null and a.responded_at <= a.response_due_at) as responded_on_time,
       count(*) filter (where a.resolved_at is not null) as resolved,
       count(*) filter (where a.resolved_on_time) as resolved_on_time,
       count(*) filter (where a.returns > 0) as returned,
       count(*) filter (where a.resolved_on_time = false
         or (a.resolved_at is null and a.held and i.status in ${UNRESOLVED} and i.resolve_due_at < ${timestamptz(now)})) as overdue,
       coalesce(sum(a.followed_up), 0) as followed_up, coalesce(sum(a.satisfied), 0) as satisfied, coalesce(sum(a.reopened), 0) as reopened
     from issue_assignment a join issue i on i.id = a.issue_id ${plan.join}
     where a.assigned_at >= ${timestamptz(from)} and a.assigned_at < ${timestamptz(to)}${within(a)}
     group by ${plan.groupBy}`;
}

const DAY_MS = 86_400_000;

/** The whole UTC days within [from, to) as [first, end) dates, and the pieces of days before and after them. */
export function splitPeriod(from: Date, to: Date): { days: [string, string] | null; pieces: [Date, Date][] } {
  const first = Math.ceil(from.getTime() / DAY_MS) * DAY_MS;
  const end = Math.floor(to.getTime() / DAY_MS) * DAY_MS;
  if (first >= end) return { days: null, pieces: [[from, to]] };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const pieces: [Date, Date][] = [[from, new Date(first)], [new Date(end), to]];
  return { days: [day(first), day(end)], pieces: pieces.filter(([a, b]) => a < b) };
}

const COUNT_NAMES = ['assigned', 'responded_on_time', 'resolved', 'resolved_on_time', 'resolved_late', 'returned', 'followed_up', 'satisfied', 'reopened'];
/** The counts of `alias` as int: summing ints keeps a plain bigint per group (no numeric state to spill to disk). */
const counts = (alias: SQL) => sql.join(COUNT_NAMES.map((n) => sql.fragment`${alias}.${sql.identifier(n)}::int as ${sql.identifier(n)}`), ', ');

/** A date of the roll-ups' `day` column. */
const date = (day: string) => sql.fragment`${sql.value(day)}::date`;

/**
 * The same counts from the roll-ups for whole days, the ledger for the pieces of days, and the open handings for
 * what the clock makes overdue. Each part gives (cadre_id, region_path, counts…); `overdue` = resolved_late + live.
 */
function rolledUpStatement(groupBy: PerformanceGroup, plan: GroupPlan, region: RegionFacts | null, from: Date, to: Date, within: Within, now: Date): SQL {
  const { days, pieces } = splitPeriod(from, to);
  const [d, c, l] = [sql.fragment`d`, sql.fragment`c`, sql.fragment`l`];
  const parts: SQL[] = [];
  if (days && groupBy === PerformanceGroup.REGION) {
    // Exactly the rows of the regions reported (each counts its subtree), not their descendants'.
    parts.push(sql.fragment`select null::uuid as cadre_id, d.region_path, ${counts(d)}, 0 as open_overdue from performance_region_day d
      where d.region_path in (select g.path from region g where ${childOf(sql.fragment`g`, region)}) and d.day >= ${date(days[0])} and d.day < ${date(days[1])}`);
  } else if (days) {
    parts.push(sql.fragment`select d.cadre_id, d.region_path, ${counts(d)}, 0 as open_overdue from performance_cadre_day d
      where d.day >= ${date(days[0])} and d.day < ${date(days[1])}${within(d)}`);
  }
  for (const [start, end] of pieces) {
    parts.push(sql.fragment`select c.cadre_id, c.region_path, ${counts(c)}, 0 as open_overdue
      from issue_assignment l, lateral lastmeter_assignment_counts(l, 1) c
      where l.assigned_at >= ${timestamptz(start)} and l.assigned_at < ${timestamptz(end)}${within(l)}`);
  }
  parts.push(sql.fragment`select l.cadre_id, l.region_path, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
    from issue_assignment l join issue i on i.id = l.issue_id
    where l.resolved_at is null and l.held and l.assigned_at >= ${timestamptz(from)} and l.assigned_at < ${timestamptz(to)}${within(l)}
      and i.status in ${UNRESOLVED} and i.resolve_due_at < ${timestamptz(now)}`);
  // Summed per cadre (or region path) first: the join and the JSON are made once per group, not per day.
  const pre = sql.identifier(groupBy === PerformanceGroup.REGION ? 'region_path' : 'cadre_id');
  // Per cadre the sums are the rows already; units and regions gather several.
  const rows =
    groupBy === PerformanceGroup.CADRE
      ? sql.fragment`a.assigned, a.responded_on_time, a.resolved, a.resolved_on_time, a.returned, a.overdue, a.followed_up, a.satisfied, a.reopened
     from per a ${plan.join}
     where a.assigned > 0`
      : sql.fragment`sum(a.assigned)::int as assigned, sum(a.responded_on_time)::int as responded_on_time, sum(a.resolved)::int as resolved,
       sum(a.resolved_on_time)::int as resolved_on_time, sum(a.returned)::int as returned, sum(a.overdue)::int as overdue,
       sum(a.followed_up)::int as followed_up, sum(a.satisfied)::int as satisfied, sum(a.reopened)::int as reopened
     from per a ${plan.join}
     group by ${plan.groupBy}
     having sum(a.assigned) > 0`;
  return sql.query`with counts as (${sql.join(parts, '\n      union all\n      ')}),
     per as (
       select ${pre}, sum(assigned)::int as assigned, sum(responded_on_time)::int as responded_on_time, sum(resolved)::int as resolved,
         sum(resolved_on_time)::int as resolved_on_time, sum(returned)::int as returned, sum(resolved_late + open_overdue)::int as overdue,
         sum(followed_up)::int as followed_up, sum(satisfied)::int as satisfied, sum(reopened)::int as reopened
       from counts group by ${pre}
     )
     select ${plan.key} as key, ${plan.name} as name, ${plan.columns}, ${rows}`;
}

/** The one statement that counts 考核's figures per group (the bench sends it too); `region` limits them to its subtree. */
export function performanceStatement(source: PerformanceSource, groupBy: PerformanceGroup, region: RegionFacts | null, from: Date, to: Date, now: Date): SQL {
  const within = withinRegion(region);
  const plan = groupPlan(groupBy, region);
  return source === 'ledger' ? ledgerStatement(plan, from, to, within, now) : rolledUpStatement(groupBy, plan, region, from, to, within, now);
}

/** The period [from, to) of the figures: as given, else up to now and the 30 days before `to`. */
export function performancePeriod(args: Pick<PerformanceArgs, 'from' | 'to'>, now = new Date()): { from: Date; to: Date } {
  const to = args.to ?? now;
  return { from: args.from ?? new Date(to.getTime() - DEFAULT_DAYS * 86_400_000), to };
}

/** Whether the viewer may see performance figures at all (admins, cadres with a scope region). */
export function maySeePerformance(viewer: Viewer): boolean {
  return viewer.role === Role.ADMIN || (viewer.role === Role.CADRE && !!viewer.scopeRegionPath);
}

/** The rows' order: by rank, then name and key in code point order (the same on both databases). */
const RANK_ORDER = sql.fragment`score desc nulls last, name collate "C", key collate "C"`;

/**
 * Rates, score and rank of every counted group, and `n`, its place in the rows' order from 0. Computed in float8 in
 * the order the module comment gives them (IEEE arithmetic, the same values JavaScript would get), so the object
 * answer and the JSON answer are one computation. The rank's order leads the rows' order: one sort serves both.
 */
function rankedStatement(counted: SQL, weights: PerformanceWeights): SQL {
  const [response, resolution, satisfaction] = [weights.response, weights.resolution, weights.satisfaction].map((w) => sql.fragment`${sql.value(w)}::float8`);
  return sql.query`with counted as (${counted}),
      rated as (
        select c.*, c.responded_on_time::float8 / nullif(c.assigned, 0) as response_rate,
          c.resolved::float8 / nullif(c.assigned, 0) as resolution_rate,
          c.resolved_on_time::float8 / nullif(c.resolved, 0) as on_time_rate,
          c.satisfied::float8 / nullif(c.followed_up, 0) as satisfaction_rate,
          c.returned::float8 / nullif(c.assigned, 0) as return_rate
        from counted c),
      weighed as (
        select r.*,
          coalesce(r.response_rate * ${response}, 0) + coalesce(r.resolution_rate * ${resolution}, 0) + coalesce(r.satisfaction_rate * ${satisfaction}, 0) as weighted,
          (case when r.response_rate is null then 0 else ${response} end) + (case when r.resolution_rate is null then 0 else ${resolution} end)
            + (case when r.satisfaction_rate is null then 0 else ${satisfaction} end) as weight
        from rated r),
      scored as (select w.*, case when w.weight = 0 then null else w.weighted / w.weight * 100 end as score from weighed w)
      select s.*, rank() over (order by s.score desc nulls last) as rank, row_number() over (order by ${RANK_ORDER}) - 1 as n from scored s`;
}

/** The ranked statement of what the viewer may see, after checking the period and the region. */
async function rankedFor(em: EntityManager, viewer: Viewer, args: PerformanceArgs, weights: PerformanceWeights, now: Date, source: PerformanceSource): Promise<SQL> {
  const { from, to } = performancePeriod(args, now);
  if (!(from < to)) throw badInput('from must be before to.', 'from');
  const region = await regionOf(em, viewer, args.regionId);
  return rankedStatement(performanceStatement(source, args.groupBy, region, from, to, now), weights);
}

/** 考核's rows as objects, for selections that reach further than plain columns (e.g. a region's parent). */
export async function performance(
  em: EntityManager,
  viewer: Viewer,
  args: PerformanceArgs,
  weights: PerformanceWeights,
  now = new Date(),
  source: PerformanceSource = 'rollup',
): Promise<PerformanceRowType[]> {
  const ranked = await rankedFor(em, viewer, args, weights, now, source);
  // The whole answer as one JSON value: parsing 12,000 rows column by column cost the API more than the statement.
  const [{ rows }] = await runSql<{ rows: RankedTuple[] | null }>(
    em,
    sql.query`select json_agg(json_build_array(${sql.join(RANKED_COLUMNS.map((c) => sql.identifier(c)), ', ')}) order by n) as rows from (${ranked}) s`,
  );
  return (rows ?? []).map((r) => {
    const [key, name, level, unit, code, path, parentId, assigned, respondedOnTime, resolved, resolvedOnTime, returned, overdue, followedUp, satisfied, reopened] = r;
    const [responseRate, resolutionRate, onTimeRate, satisfactionRate, returnRate, score, rank] = r.slice(COUNT_COLUMNS.length) as (number | null)[];
    return {
      key,
      name,
      cadre: args.groupBy === PerformanceGroup.CADRE ? { id: key, name, level: level as CadreLevel, unit: unit! } : null,
      region: args.groupBy === PerformanceGroup.REGION ? { id: key, name, level: level as RegionLevel, code, path: path!, parentId } : null,
      assigned,
      respondedOnTime,
      resolved,
      resolvedOnTime,
      returned,
      overdue,
      followedUp,
      satisfied,
      reopened,
      responseRate,
      resolutionRate,
      onTimeRate,
      satisfactionRate,
      returnRate,
      score,
      rank: rank!,
    };
  });
}

/** A ranked column written as JSON text: a string (to_json quotes and escapes it) or a number; null as `null`. */
const asText = (column: string) => sql.fragment`coalesce(to_json(${sql.identifier(column)})::text, 'null')`;
const asNumber = (column: string) => sql.fragment`coalesce(${sql.identifier(column)}::text, 'null')`;
/** A column that holds JSON text already (the names in ASCII: a city's answer stays one byte a character in V8). */
const asJson = (column: string) => sql.fragment`coalesce(${sql.identifier(column)}, 'null')`;

/** The JSON text of each plain field of PerformanceRow, Cadre and Region, from the ranked statement's columns. */
const ROW_FIELDS: Record<string, SQL> = {
  key: asText('key'),
  name: asJson('name_json'),
  assigned: asNumber('assigned'),
  respondedOnTime: asNumber('responded_on_time'),
  resolved: asNumber('resolved'),
  resolvedOnTime: asNumber('resolved_on_time'),
  returned: asNumber('returned'),
  overdue: asNumber('overdue'),
  followedUp: asNumber('followed_up'),
  satisfied: asNumber('satisfied'),
  reopened: asNumber('reopened'),
  // float8 as text (extra_float_digits ≥ 1, PostgreSQL's default) is the shortest text that reads back as the same
  // double; very small values come in exponent form (5e-06), the same number JavaScript prints as 0.000005.
  responseRate: asNumber('response_rate'),
  resolutionRate: asNumber('resolution_rate'),
  onTimeRate: asNumber('on_time_rate'),
  satisfactionRate: asNumber('satisfaction_rate'),
  returnRate: asNumber('return_rate'),
  score: asNumber('score'),
  rank: asNumber('rank'),
};
const CADRE_FIELDS: Record<string, SQL> = { id: asText('key'), name: asJson('name_json'), level: asText('level'), unit: asJson('unit_json') };
const REGION_FIELDS: Record<string, SQL> = { id: asText('key'), name: asJson('name_json'), level: asText('level'), code: asText('code') };

/**
 * The JSON text of one object of the selected fields, keys as the client named them, concatenated (cheaper for
 * PostgreSQL than json_build_object, and compact); null when a field is not a plain column (then GraphQL resolves
 * the objects). `columns` maps a field to its JSON text; `nested` builds an object field's.
 */
function objectOf(selection: JsonSelection, typeName: string, columns: Record<string, SQL>, nested: Record<string, (inner: JsonSelection) => SQL | null> = {}): SQL | null {
  const parts: SQL[] = [];
  for (const [index, field] of selection.entries()) {
    // The key, as JSON text, is a value of the statement: a client's alias never becomes SQL text.
    const name = sql.value(`${index === 0 ? '' : ','}${JSON.stringify(field.key)}:`);
    if (field.field === '__typename') {
      parts.push(sql.value(`${index === 0 ? '' : ','}${JSON.stringify(field.key)}:${JSON.stringify(typeName)}`));
    } else if (Object.hasOwn(columns, field.field) && !field.fields) {
      parts.push(name, columns[field.field]);
    } else if (Object.hasOwn(nested, field.field) && field.fields) {
      const inner = nested[field.field](field.fields);
      if (!inner) return null;
      parts.push(name, inner);
    } else {
      return null;
    }
  }
  return sql.fragment`('{' || ${sql.join([...parts, sql.fragment`'}'`], ' || ')})`;
}

/** Rows of 考核's JSON answer per chunk of text PostgreSQL sends (about 500 KB for a city). */
const CHUNK_ROWS = 1500;

/**
 * 考核's rows as the JSON text of the selected fields, built by PostgreSQL and passed to the client as it is
 * (server/json-answers.ts), or null when the selection reaches beyond plain columns: pieces of the array's
 * elements, each piece one or more elements separated by commas. A city's 12,000 cadres cost the API more to
 * turn into objects, walk and print than the statement took.
 */
export async function performanceJson(
  em: EntityManager,
  viewer: Viewer,
  args: PerformanceArgs,
  weights: PerformanceWeights,
  selection: JsonSelection,
  now = new Date(),
  chunkRows = CHUNK_ROWS,
): Promise<string[] | null> {
  // A row's cadre (region) is null unless grouped by cadre (region); a selection that is not plain is declined either way.
  const only = (group: PerformanceGroup, object: SQL | null) => (object && args.groupBy !== group ? sql.fragment`'null'` : object);
  const row = objectOf(selection, 'PerformanceRow', ROW_FIELDS, {
    cadre: (inner) => only(PerformanceGroup.CADRE, objectOf(inner, 'Cadre', CADRE_FIELDS)),
    region: (inner) => only(PerformanceGroup.REGION, objectOf(inner, 'Region', REGION_FIELDS)),
  });
  if (!row) return null;
  const ranked = await rankedFor(em, viewer, args, weights, now, 'rollup');
  // The rows' JSON text in order, a chunk of `chunkRows` rows per result row, joined by PostgreSQL: PostgreSQL writes
  // the later chunks while the API reads the first, and the API decodes a few large strings instead of 12,000 small
  // ones (a third less CPU per request, and almost no garbage collection). The rank order is sorted on the rows
  // before their text is written: sorting 4 MB of text by rank spilled to disk past work_mem.
  const rows = await runSql<{ json: string }>(
    em,
    sql.query`select string_agg(json, ',' order by n) as json
     from (select ${row} as json, n, n / ${sql.value(chunkRows)} as chunk from (${ranked}) r) s
     group by chunk order by chunk`,
  );
  return rows.map((r) => r.json);
}
