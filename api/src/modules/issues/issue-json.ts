/**
 * A selection of issues as the response's own JSON text. Where a query asks only for plain data (columns,
 * category, grid → region, assignee, timeline), PostgreSQL writes the answer exactly as GraphQL would: the
 * selection's response keys (aliases included) in its order, `__typename` where asked, nothing else, compact.
 * That text goes into the response as it is (server/json-answers.ts): no JSON.parse, no field-by-field
 * execution, no JSON.stringify. Anything else (the reporter, photos, available actions, a merged issue, a
 * grid's boundary) returns null here and runs through the resolvers (issue-sql.ts's objects).
 *
 *   JsonSelection ─ objectJson(type) ─┬─ every field a column or a known relation → SQL writing the JSON text
 *                                     └─ anything else → null (the resolvers answer)
 */
import { sql, type SQL } from '../../db/sql';
import type { JsonSelection } from '../../server/json-answers';
import {
  CADRE,
  CATEGORY,
  EVENT,
  FOLLOW_UP,
  GRID,
  ISSUE,
  LOCATION,
  REGION,
  followUpAbsent,
  jsonObject,
  locationAbsent,
  timeLimitColumns,
  type Columns,
  type PlanContext,
} from './issue-sql';
import { overdueCondition } from './issue-states';

/** A GraphQL object type as SQL over a table alias: its name, its plain fields, its nested objects. */
export interface JsonType {
  name: string;
  columns: Columns;
  /** A nested object or list: SQL for its JSON under the selection, or null when it cannot be written here. */
  relations?: Record<string, (t: SQL, fields: JsonSelection, context: PlanContext) => SQL | null>;
}

/** The JSON object of `type` over alias `t` as `selection` asks; null when some field needs a resolver. */
export function objectJson(t: SQL, selection: JsonSelection, type: JsonType, context: PlanContext): SQL | null {
  const entries: [string, SQL][] = [];
  for (const { key, field, fields } of selection) {
    if (field === '__typename') {
      entries.push([key, sql.fragment`${sql.literal(type.name)}::text`]);
      continue;
    }
    const value = fields ? type.relations?.[field]?.(t, fields, context) : Object.hasOwn(type.columns, field) ? type.columns[field](t) : null;
    if (!value) return null;
    entries.push([key, value]);
  }
  // Every field skipped by @skip/@include: GraphQL answers an empty object.
  return entries.length ? jsonObject(entries) : sql.fragment`'{}'::json`;
}

/** `[a,b]` in the order given, `[]` for none: array_to_json writes no spaces (json_agg writes `, `). */
export function jsonArray(element: SQL, from: SQL, orderBy: SQL): SQL {
  return sql.fragment`coalesce((select array_to_json(array_agg(${element} order by ${orderBy})) ${from}), '[]'::json)`;
}

/** One object by key (a to-one relation), null when there is none. */
function related(table: string, type: JsonType, joins: (r: SQL, t: SQL) => SQL) {
  return (t: SQL, fields: JsonSelection, context: PlanContext): SQL | null => {
    const r = sql.identifier(Symbol(table));
    const object = objectJson(r, fields, type, context);
    return object && sql.fragment`(select ${object} from ${sql.identifier(table)} ${r} where ${joins(r, t)})`;
  };
}

const only = (columns: Columns, names: readonly string[]): Columns => Object.fromEntries(names.map((name) => [name, columns[name]]));

const RESPONSE_LIMIT: JsonType = { name: 'TimeLimit', columns: timeLimitColumns('response') };
const RESOLVE_LIMIT: JsonType = { name: 'TimeLimit', columns: timeLimitColumns('resolve') };

const CATEGORY_TYPE: JsonType = {
  name: 'Category',
  columns: only(CATEGORY, ['code', 'name', 'nameEn', 'group', 'responseHours', 'resolveHours', 'requiresAfterPhoto']),
  relations: {
    responseLimit: (c, fields, context) => objectJson(c, fields, RESPONSE_LIMIT, context),
    resolveLimit: (c, fields, context) => objectJson(c, fields, RESOLVE_LIMIT, context),
  },
};

const REGION_TYPE: JsonType = {
  name: 'Region',
  columns: only(REGION, ['id', 'name', 'level', 'code']),
  relations: {
    // A region's parent is a region: looked up when used, once REGION_TYPE exists.
    parent: (r, fields, context) => related('region', REGION_TYPE, (p) => sql.fragment`${p}.id = ${r}.parent_id`)(r, fields, context),
  },
};

/** A grid's boundary is stored as GeoJSON-like points in their own key order: left to the resolvers. */
const GRID_TYPE: JsonType = {
  name: 'Grid',
  columns: only(GRID, ['id', 'code', 'name', 'description', 'kind']),
  relations: { region: related('region', REGION_TYPE, (r, g) => sql.fragment`${r}.id = ${g}.region_id`) },
};

const CADRE_TYPE: JsonType = { name: 'Cadre', columns: only(CADRE, ['id', 'name', 'level', 'unit']) };

/** An event's `issue` goes through the viewer's scope: left to the resolvers. */
const EVENT_TYPE: JsonType = { name: 'IssueEvent', columns: only(EVENT, ['id', 'cursor', 'type', 'fromStatus', 'toStatus', 'note', 'publicNote', 'actorName', 'at']) };

/** An object stored in the issue's own columns, null when `absent` holds (issue-sql.ts's location and followUp). */
function embedded(name: string, columns: Columns, absent: (i: SQL) => SQL) {
  const type: JsonType = { name, columns };
  return (i: SQL, fields: JsonSelection, context: PlanContext): SQL | null => {
    const object = objectJson(i, fields, type, context);
    return object && sql.fragment`case when ${absent(i)} then null else ${object} end`;
  };
}

const ISSUE_TYPE: JsonType = {
  name: 'Issue',
  columns: { ...ISSUE },
  relations: {
    category: related('category', CATEGORY_TYPE, (c, i) => sql.fragment`${c}.code = ${i}.category_code`),
    grid: related('grid', GRID_TYPE, (g, i) => sql.fragment`${g}.id = ${i}.grid_id`),
    assignee: related('cadre', CADRE_TYPE, (a, i) => sql.fragment`${a}.id = ${i}.assignee_id`),
    timeline: (i, fields, context) => {
      const e = sql.identifier(Symbol('event'));
      const event = objectJson(e, fields, EVENT_TYPE, context);
      return event && jsonArray(event, sql.fragment`from issue_event ${e} where ${e}.issue_id = ${i}.id`, sql.fragment`${e}.seq`);
    },
    location: embedded('Location', LOCATION, locationAbsent),
    followUp: embedded('FollowUp', FOLLOW_UP, followUpAbsent),
  },
};

/** `overdue` is a plain field too: computed against the plan's clock. */
export function issueJson(i: SQL, selection: JsonSelection, context: PlanContext): SQL | null {
  const overdue = selection.some(({ field }) => field === 'overdue');
  const type = overdue ? { ...ISSUE_TYPE, columns: { ...ISSUE_TYPE.columns, overdue: (t: SQL) => overdueCondition(t, context.now) } } : ISSUE_TYPE;
  return objectJson(i, selection, type, context);
}
