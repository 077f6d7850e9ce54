/**
 * The planner's SQL: a selection (server/selection.ts) of an Issue, an
 * IssueEvent or a related type becomes one JSON object expression that
 * PostgreSQL builds — only the fields asked for, each under its GraphQL field
 * name, timestamps already in the contract's ISO format, relations and
 * timelines as nested objects and arrays (correlated subqueries, so a page of
 * any size stays one statement). GraphQL then reads the objects with its
 * default resolvers.
 *
 * Adding a plain field: one entry in the type's column table below (and the
 * field in its `*.type.ts` and `issue.row.ts`). A field whose value is not
 * plain data keeps a field resolver and, if that resolver needs facts, a
 * hidden key here (`contact` for the reporter, `regionPath` for a grid).
 */
import { sql, type SQL } from '../../db/sql';
import type { Viewer } from '../auth/viewer';
import { issueScopeSql } from '../auth/scope';
import type { Selection } from '../../server/selection';
import { eventCursorSql } from './event-cursor';
import { overdueCondition } from './issue-states';
import { issuePhotoRows } from '../photos/photo-sql';

/** What building an object may depend on besides the selection: the viewer, for issues reached through events. */
export interface PlanContext {
  viewer: Viewer | null;
  /** The application's clock for `overdue`, when it is not the system's (tests); otherwise the database's now(). */
  now?: Date;
}

/** `timestamptz` → `2026-12-07T01:22:33.123Z`, exactly as `Date.prototype.toISOString` writes it. */
export function isoTime(expression: SQL): SQL {
  return sql.fragment`to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * `{"a":x,"b":y}` over (key, expression) pairs; keys are our own field names. Built as `row_to_json` of a one-row
 * select rather than `json_build_object`, which PostgreSQL runs about half again as slowly over a page (it works out
 * every argument's type on every call) and writes with spaces (`{"a" : x, "b" : y}`) that the API then decodes.
 */
export function jsonObject(entries: readonly (readonly [string, SQL])[]): SQL {
  const o = sql.identifier(Symbol('object'));
  return sql.fragment`(select row_to_json(${o}) from (select ${sql.join(
    entries.map(([key, value]) => sql.fragment`${value} as ${sql.identifier(key)}`),
    ', ',
  )}) as ${o})`;
}

/** Plain fields: field name → expression over the table alias. */
export type Columns = Record<string, (t: SQL) => SQL>;

const column = (name: string) => (t: SQL) => sql.fragment`${t}.${sql.identifier(name)}`;
const time = (name: string) => (t: SQL) => isoTime(sql.fragment`${t}.${sql.identifier(name)}`);

/** Selected plain fields as entries, plus the keys always present. */
function plainEntries(t: SQL, selection: Selection, columns: Columns, always: readonly string[]): [string, SQL][] {
  const out: [string, SQL][] = [];
  for (const key of always) out.push([key, columns[key](t)]);
  for (const field of Object.keys(selection)) {
    if (always.includes(field)) continue;
    const expression = columns[field];
    if (expression) out.push([field, expression(t)]);
  }
  return out;
}

/** A category's time limit (TimeLimit) for responding or resolving: its `<prefix>_limit_*` columns. */
export const timeLimitColumns = (prefix: 'response' | 'resolve'): Columns => ({
  amount: column(`${prefix}_limit_amount`),
  unit: column(`${prefix}_limit_unit`),
});

/** Every field of a column table, as entries. */
const allEntries = (t: SQL, columns: Columns): [string, SQL][] => Object.entries(columns).map(([key, value]) => [key, value(t)]);

export const CATEGORY: Columns = {
  code: column('code'),
  name: column('name'),
  nameEn: column('name_en'),
  group: column('group'),
  responseHours: column('response_hours'),
  resolveHours: column('resolve_hours'),
  requiresAfterPhoto: column('requires_after_photo'),
  responseLimit: (c) => jsonObject(allEntries(c, timeLimitColumns('response'))),
  resolveLimit: (c) => jsonObject(allEntries(c, timeLimitColumns('resolve'))),
};

export function categoryObject(c: SQL, selection: Selection): SQL {
  return jsonObject(plainEntries(c, selection, CATEGORY, ['code']));
}

export const CADRE: Columns = { id: column('id'), name: column('name'), level: column('level'), unit: column('unit') };

export function cadreObject(a: SQL, selection: Selection): SQL {
  return jsonObject(plainEntries(a, selection, CADRE, ['id']));
}

export const REGION: Columns = { id: column('id'), name: column('name'), level: column('level'), code: column('code'), path: column('path') };

export function regionObject(r: SQL, selection: Selection): SQL {
  const entries = plainEntries(r, selection, REGION, ['id', 'path']);
  if (selection.parent) {
    const p = sql.identifier(Symbol('parent'));
    entries.push(['parent', sql.fragment`(select ${regionObject(p, selection.parent)} from region ${p} where ${p}.id = ${r}.parent_id)`]);
  }
  return jsonObject(entries);
}

export const GRID: Columns = {
  id: column('id'),
  code: column('code'),
  name: column('name'),
  description: column('description'),
  kind: column('kind'),
  boundary: column('boundary'),
  regionPath: column('region_path'),
};

export function gridObject(g: SQL, selection: Selection): SQL {
  const entries = plainEntries(g, selection, GRID, ['id', 'regionPath']);
  if (selection.region) {
    const r = sql.identifier(Symbol('region'));
    entries.push(['region', sql.fragment`(select ${regionObject(r, selection.region)} from region ${r} where ${r}.id = ${g}.region_id)`]);
  }
  return jsonObject(entries);
}

export const EVENT: Columns = {
  id: (e) => sql.fragment`${e}.seq::text`,
  cursor: (e) => eventCursorSql(sql.fragment`${e}.seq`),
  issueId: column('issue_id'),
  type: column('type'),
  fromStatus: column('from_status'),
  toStatus: column('to_status'),
  note: column('note'),
  publicNote: column('public_note'),
  actorName: column('actor_name'),
  at: time('at'),
};

/** An IssueEvent; its `issue`, when asked for, goes through the viewer's scope like every issue read (null outside it). */
export function eventObject(e: SQL, selection: Selection, context: PlanContext): SQL {
  const entries = plainEntries(e, selection, EVENT, ['issueId']);
  if (selection.issue) {
    const i = sql.identifier(Symbol('issue'));
    const scope = issueScopeSql(context.viewer, i);
    entries.push([
      'issue',
      sql.fragment`(select ${issueObject(i, selection.issue, context)} from issue ${i} where ${i}.id = ${e}.issue_id${
        scope ? sql.fragment` and ${scope}` : sql.blank
      })`,
    ]);
  }
  return jsonObject(entries);
}

/** Every plain field of an IssueEvent: the live feed's events, the same object a timeline's query of them builds. */
export function wholeEventObject(e: SQL): SQL {
  return jsonObject(allEntries(e, EVENT));
}

/** The public timeline: no staff notes, no actors. */
export function publicEventObject(e: SQL): SQL {
  return jsonObject([
    ['type', sql.fragment`${e}.type`],
    ['toStatus', sql.fragment`${e}.to_status`],
    ['publicNote', sql.fragment`${e}.public_note`],
    ['at', isoTime(sql.fragment`${e}.at`)],
  ]);
}

export const ISSUE: Columns = {
  id: column('id'),
  trackingCode: column('tracking_code'),
  title: column('title'),
  description: column('description'),
  status: column('status'),
  channel: column('channel'),
  version: column('version'),
  createdAt: time('created_at'),
  updatedAt: time('updated_at'),
  responseDueAt: time('response_due_at'),
  resolveDueAt: time('resolve_due_at'),
  resolution: column('resolution'),
  supervised: column('supervised'),
  urgeCount: column('urge_count'),
  returnReason: column('return_reason'),
};

const EXTENSION: Columns = {
  id: column('id'),
  status: column('status'),
  requestedDueAt: time('requested_due_at'),
  reason: column('reason'),
  requestedBy: column('requested_by'),
  requestedAt: time('requested_at'),
  decidedBy: column('decided_by'),
  decidedAt: time('decided_at'),
  decisionNote: column('decision_note'),
};

/** What the workflow rules read about an issue (available-actions.ts): never a GraphQL field itself. */
function actionFactsObject(i: SQL): SQL {
  return jsonObject([
    ['id', sql.fragment`${i}.id`],
    ['status', sql.fragment`${i}.status`],
    ['version', sql.fragment`${i}.version`],
    ['gridId', sql.fragment`${i}.grid_id`],
    ['regionPath', sql.fragment`${i}.region_path`],
    ['assigneeId', sql.fragment`${i}.assignee_id`],
    ['supervised', sql.fragment`${i}.supervised`],
    ['resolveDueAt', isoTime(sql.fragment`${i}.resolve_due_at`)],
    [
      'pendingExtensionBy',
      sql.fragment`(select x.requested_by_user_id from issue_extension x where x.issue_id = ${i}.id and x.status = 'PENDING')`,
    ],
  ]);
}

/** An issue has no location when none of its columns is set. */
export const locationAbsent = (i: SQL): SQL => sql.fragment`${i}.latitude is null and ${i}.longitude is null and ${i}.address is null`;

/** An issue has no follow-up until its method, satisfaction and time are all set. */
export const followUpAbsent = (i: SQL): SQL =>
  sql.fragment`${i}.follow_up_method is null or ${i}.follow_up_satisfaction is null or ${i}.follow_up_at is null`;

export const LOCATION: Columns = { latitude: column('latitude'), longitude: column('longitude'), address: column('address') };

export const FOLLOW_UP: Columns = {
  method: column('follow_up_method'),
  satisfaction: column('follow_up_satisfaction'),
  comment: column('follow_up_comment'),
  at: time('follow_up_at'),
  by: (i) => sql.fragment`coalesce(${i}.follow_up_by, '')`,
};

/** An Issue as the selection asks for it. */
export function issueObject(i: SQL, selection: Selection, context: PlanContext): SQL {
  const entries = plainEntries(i, selection, ISSUE, []);
  for (const field of Object.keys(selection)) {
    const below = selection[field];
    switch (field) {
      case 'overdue':
        entries.push([field, overdueCondition(i, context.now)]);
        break;
      case 'location':
        entries.push([
          field,
          sql.fragment`case when ${locationAbsent(i)} then null else ${jsonObject(plainEntries(i, below, LOCATION, []))} end`,
        ]);
        break;
      case 'followUp':
        entries.push([
          field,
          sql.fragment`case when ${followUpAbsent(i)} then null else ${jsonObject(plainEntries(i, below, FOLLOW_UP, []))} end`,
        ]);
        break;
      case 'reporter':
        // The stored contact, for the reporter field to mask (reporter-privacy.ts): never a GraphQL field itself.
        entries.push([
          'contact',
          jsonObject([
            ['anonymous', sql.fragment`${i}.reporter_anonymous`],
            ['name', sql.fragment`${i}.reporter_name`],
            ['phone', sql.fragment`${i}.reporter_phone`],
            ['gridId', sql.fragment`${i}.grid_id`],
            ['assigneeId', sql.fragment`${i}.assignee_id`],
            // Which issue, for the audit log of unmasked reads (the query may not select the id).
            ['issueId', sql.fragment`${i}.id`],
          ]),
        ]);
        break;
      case 'category': {
        const c = sql.identifier(Symbol('category'));
        entries.push([field, sql.fragment`(select ${categoryObject(c, below)} from category ${c} where ${c}.code = ${i}.category_code)`]);
        break;
      }
      case 'grid': {
        const g = sql.identifier(Symbol('grid'));
        entries.push([field, sql.fragment`(select ${gridObject(g, below)} from grid ${g} where ${g}.id = ${i}.grid_id)`]);
        break;
      }
      case 'assignee': {
        const a = sql.identifier(Symbol('assignee'));
        entries.push([field, sql.fragment`(select ${cadreObject(a, below)} from cadre ${a} where ${a}.id = ${i}.assignee_id)`]);
        break;
      }
      case 'photos':
        // Staff in scope see every photo of the issue; links are signed by the field resolver.
        entries.push(['photoRows', issuePhotoRows(i, false)]);
        break;
      case 'availableActions':
      case 'duplicateCandidates':
        if (!entries.some(([key]) => key === 'actionFacts')) entries.push(['actionFacts', actionFactsObject(i)]);
        break;
      case 'extension': {
        const x = sql.identifier(Symbol('extension'));
        entries.push([
          field,
          sql.fragment`(select ${jsonObject(plainEntries(x, below, EXTENSION, ['id']))} from issue_extension ${x} where ${x}.issue_id = ${i}.id order by ${x}.requested_at desc, ${x}.id desc limit 1)`,
        ]);
        break;
      }
      case 'mergedInto': {
        // The primary, through the viewer's scope like every issue read (null outside it).
        const m = sql.identifier(Symbol('primary'));
        const scope = issueScopeSql(context.viewer, m);
        entries.push([
          field,
          sql.fragment`(select ${issueObject(m, below, context)} from issue ${m} where ${m}.id = ${i}.merged_into_id${scope ? sql.fragment` and ${scope}` : sql.blank})`,
        ]);
        break;
      }
      case 'duplicates': {
        const d = sql.identifier(Symbol('duplicate'));
        const scope = issueScopeSql(context.viewer, d);
        entries.push([
          field,
          sql.fragment`coalesce((select json_agg(${issueObject(d, below, context)} order by ${d}.created_at, ${d}.id) from issue ${d} where ${d}.merged_into_id = ${i}.id${
            scope ? sql.fragment` and ${scope}` : sql.blank
          }), '[]'::json)`,
        ]);
        break;
      }
      case 'timeline': {
        const e = sql.identifier(Symbol('event'));
        entries.push([
          field,
          sql.fragment`coalesce((select json_agg(${eventObject(e, below, context)} order by ${e}.seq) from issue_event ${e} where ${e}.issue_id = ${i}.id), '[]'::json)`,
        ]);
        break;
      }
      default:
      // A plain column (above), or a field GraphQL answers itself (__typename).
    }
  }
  // An object needs at least one key; `id` is cheap and always useful.
  if (entries.length === 0) entries.push(['id', ISSUE.id(i)]);
  return jsonObject(entries);
}
