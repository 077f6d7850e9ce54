/**
 * The widgets' one door to the API: @lastmeter/sdk underneath, narrowed to the
 * calls the widgets make and to the fields they show. Elements on one page that
 * share endpoint, portal key and token share one client (and one WebSocket).
 */
import { createClient } from '@lastmeter/sdk';
import type { IssueEventType, IssueStatus, RegionLevel } from './api-types';
import { webSocketUrl } from './endpoint';

export interface CategoryView {
  code: string;
  name: string;
  nameEn: string;
  group: string;
}

export interface GridView {
  id: string;
  name: string;
  /** What the grid covers (streets, estates, landmarks), so a resident can pick it. */
  description?: string | null;
}

export interface RegionView {
  id: string;
  name: string;
  level: RegionLevel;
  /** The grids directly in this region (communities and villages have them). */
  grids: GridView[];
}

export interface ReportInput {
  categoryCode: string;
  description: string;
  gridId?: string | null;
  location?: { latitude?: number | null; longitude?: number | null; address?: string | null } | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  anonymous?: boolean | null;
  idempotencyKey: string;
  /** Ids from uploadPhoto, at most 9. */
  photoIds?: string[] | null;
}

/** A public photo on the tracker. */
export interface PhotoView {
  id: string;
  stage: 'REPORT' | 'BEFORE' | 'AFTER';
  width: number;
  height: number;
  url: string;
  thumbnailUrl: string;
}

export interface TrackedView {
  trackingCode: string;
  status: IssueStatus;
  category: { name: string; nameEn: string };
  gridName: string;
  submittedAt: string;
  updatedAt: string;
  resolveDueAt: string;
  /** The deadline after an approved extension. */
  extendedTo?: string | null;
  /** A merged report: the primary it is handled with. */
  mergedInto?: { trackingCode: string; status: IssueStatus } | null;
  timeline: { type: IssueEventType; toStatus: IssueStatus; publicNote?: string | null; at: string }[];
  photos: PhotoView[];
}

export interface FeedEventView {
  id: string;
  cursor: string;
  type: IssueEventType;
  toStatus: IssueStatus;
  at: string;
  /** The staff note of the event (e.g. what a supervisor wrote when urging). */
  note?: string | null;
  issue: { id: string; title: string; description: string; overdue: boolean; supervised: boolean; urgeCount: number; grid: { name: string } };
}

export interface StatsView {
  total: number;
  open: number;
  overdue: number;
  resolutionRate: number;
  onTimeRate: number;
  satisfactionRate?: number | null;
}

/** The calls the widgets make. */
export interface WidgetClient {
  categories(): Promise<CategoryView[]>;
  /** Top-level regions, or the children of `parentId`, each with its grids. */
  regions(parentId?: string): Promise<RegionView[]>;
  grid(id: string): Promise<GridView | null>;
  gridAt(latitude: number, longitude: number): Promise<GridView | null>;
  reportIssue(input: ReportInput): Promise<{ trackingCode: string }>;
  /** Uploads one picture (POST /uploads); the same bytes give the same id again. */
  uploadPhoto(photo: Blob): Promise<{ id: string }>;
  issueTracked(trackingCode: string): AsyncIterableIterator<TrackedView>;
  issueEvents(filter: { gridId?: string; regionId?: string }, after?: string): AsyncIterableIterator<FeedEventView>;
  issueStats(scope: { regionId?: string; gridId?: string }): Promise<StatsView>;
}

export interface ClientOptions {
  endpoint: string;
  portalKey?: string;
  token?: string;
}

const clients = new Map<string, WidgetClient>();

/** The shared client for these options. */
export function clientFor(options: ClientOptions): WidgetClient {
  const key = JSON.stringify([options.endpoint, options.portalKey ?? '', options.token ?? '']);
  let client = clients.get(key);
  if (!client) {
    client = wrap(options);
    clients.set(key, client);
  }
  return client;
}

/** The `extensions.code` of a failure (the SDK's LastmeterError.code), `NETWORK_ERROR` when no answer came. */
export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof TypeError ? 'NETWORK_ERROR' : 'INTERNAL_SERVER_ERROR';
}

function wrap(options: ClientOptions): WidgetClient {
  const sdk = createClient({
    url: options.endpoint,
    wsUrl: webSocketUrl(options.endpoint),
    portalKey: options.portalKey,
    token: options.token,
    // The report form keeps its own pending copy; one quick retry is enough here.
    retry: { retries: 1 },
  });
  // No casts: the SDK's generated result types must fit the views, or this fails to compile.
  return {
    categories: () => sdk.categories(),
    regions: (parentId) => sdk.regions({ parentId }),
    grid: (id) => sdk.grid({ id }),
    gridAt: (latitude, longitude) => sdk.gridAt({ latitude, longitude }),
    reportIssue: (input) => sdk.reportIssue({ input }),
    uploadPhoto: (photo) => sdk.uploadPhoto(photo),
    issueTracked: (trackingCode) => sdk.issueTracked({ trackingCode })[Symbol.asyncIterator](),
    issueEvents: (filter, after) => sdk.issueEvents({ filter, after })[Symbol.asyncIterator](),
    issueStats: (scope) => sdk.issueStats(scope),
  };
}
