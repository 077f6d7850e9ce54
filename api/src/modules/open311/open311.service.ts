/**
 * Open311 GeoReport v2 over Lastmeter's own data. Services are the categories
 * (`service_code` = category code, `group` = its group, all `realtime`:
 * a request gets its `service_request_id`, the tracking code, at once).
 * A request's `status` is open until it is resolved, rejected or merged;
 * `status_notes` is its latest public note; `expected_datetime` its resolve
 * deadline (after approved extensions). What a request shows is the public
 * view of an issue plus its description and location: never the reporter.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import { IssueStatus } from '../../domain/enums';
import { statusList } from '../issues/issue-states';
import { publicPhotoRows, type PhotoRow } from '../photos/photo-sql';
import { normaliseTrackingCode } from '../tracking/tracking-code';

/** The signed link a request shows as `media_url` for the issue's public photos (photo-view.ts leadPhotoUrl), or null. */
export type MediaUrl = (photos: readonly PhotoRow[]) => Promise<string | null>;

/** Statuses Open311 calls `closed`; every other (present or future) status is `open`. */
export const CLOSED_STATUSES: readonly IssueStatus[] = [IssueStatus.RESOLVED, IssueStatus.FOLLOWED_UP, IssueStatus.CLOSED, IssueStatus.REJECTED, IssueStatus.MERGED];

/** The longest span of start_date…end_date, and the default window. */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export async function listServices(em: EntityManager): Promise<Open311Service[]> {
  const rows = await runSql<{ code: string; name: string; name_en: string; group: string }>(
    em,
    sql.query`select code, name, name_en, "group" from category order by sort_order, code`,
  );
  return rows.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.name_en,
    metadata: false,
    type: 'realtime',
    keywords: '',
    group: c.group,
  }));
}

export async function serviceExists(em: EntityManager, code: string): Promise<boolean> {
  const rows = await runSql(em, sql.query`select 1 from category where code = ${sql.value(code)}`);
  return rows.length > 0;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

interface RequestRow {
  tracking_code: string;
  status: IssueStatus;
  status_notes: string | null;
  category_code: string;
  category_name: string;
  description: string;
  created_at: Date | string;
  updated_at: Date | string;
  resolve_due_at: Date | string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  photos: PhotoRow[];
}

const CLOSED = statusList(CLOSED_STATUSES);

const SELECT_REQUESTS = sql.fragment`select i.tracking_code, i.status, i.category_code, c.name as category_name, i.description,
    i.created_at, i.updated_at, i.resolve_due_at, i.address, i.latitude, i.longitude,
    ${publicPhotoRows(sql.identifier('i'))} as photos,
    (select e.public_note from issue_event e where e.issue_id = i.id and e.public_note is not null order by e.seq desc limit 1) as status_notes
  from issue i join category c on c.code = i.category_code`;

const iso = (value: Date | string) => new Date(value).toISOString();

async function toRequest(row: RequestRow, mediaUrl: MediaUrl): Promise<Open311Request> {
  return {
    service_request_id: row.tracking_code,
    status: CLOSED_STATUSES.includes(row.status) ? 'closed' : 'open',
    status_notes: row.status_notes,
    service_name: row.category_name,
    service_code: row.category_code,
    description: row.description,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: iso(row.created_at),
    updated_datetime: iso(row.updated_at),
    expected_datetime: iso(row.resolve_due_at),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.latitude === null ? null : Number(row.latitude),
    long: row.longitude === null ? null : Number(row.longitude),
    media_url: await mediaUrl(row.photos),
  };
}

export async function findRequest(em: EntityManager, serviceRequestId: string, mediaUrl: MediaUrl): Promise<Open311Request | null> {
  const code = normaliseTrackingCode(serviceRequestId);
  if (!code) return null;
  const [row] = await runSql<RequestRow>(em, sql.query`${SELECT_REQUESTS} where i.tracking_code = ${sql.value(code)}`);
  return row ? toRequest(row, mediaUrl) : null;
}

export interface RequestFilter {
  serviceRequestIds?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  start: Date;
  end: Date;
}

export async function listRequests(em: EntityManager, filter: RequestFilter, mediaUrl: MediaUrl): Promise<Open311Request[]> {
  const where: SQL[] = [];
  if (filter.serviceRequestIds) {
    const codes = filter.serviceRequestIds.map((id) => normaliseTrackingCode(id)).filter((c): c is string => !!c);
    if (codes.length === 0) return [];
    where.push(sql.fragment`i.tracking_code in (select jsonb_array_elements_text(${sql.value(JSON.stringify(codes))}::jsonb))`);
  } else {
    where.push(sql.fragment`i.created_at >= ${timestamptz(filter.start)} and i.created_at <= ${timestamptz(filter.end)}`);
  }
  if (filter.serviceCodes?.length) {
    where.push(sql.fragment`i.category_code in (select jsonb_array_elements_text(${sql.value(JSON.stringify(filter.serviceCodes))}::jsonb))`);
  }
  if (filter.statuses?.length === 1) {
    where.push(filter.statuses[0] === 'closed' ? sql.fragment`i.status in ${CLOSED}` : sql.fragment`i.status not in ${CLOSED}`);
  }
  const rows = await runSql<RequestRow>(
    em,
    sql.query`${SELECT_REQUESTS} where ${sql.join(where, ' and ')} order by i.created_at desc limit ${sql.value(MAX_REQUESTS)}`,
  );
  return Promise.all(rows.map((row) => toRequest(row, mediaUrl)));
}

/** tokens/{token}: the token a POST answered is the issue's id. */
export async function findByToken(em: EntityManager, token: string): Promise<{ service_request_id: string; token: string } | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) return null;
  const [row] = await runSql<{ tracking_code: string }>(em, sql.query`select tracking_code from issue where id = ${sql.value(token)}::uuid`);
  return row ? { service_request_id: row.tracking_code, token } : null;
}
