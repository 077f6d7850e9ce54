/**
 * The administration pages' calls that the typed SDK does not make: the two
 * file imports (POST /imports/…, answered with an ImportReport) and the region
 * tree with its grids in one request (sent as text, typed here).
 */
import { consoleClient } from './console-api';
import { session } from './console-session';

/** What the import endpoints answer (the contract's ImportReport). */
export interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: { row: number; field: string | null; message: string }[];
  oneTimePasswords: { username: string; password: string }[];
}

export type ImportKind = 'regions-grids' | 'people';

/** Sends a file to POST /imports/<kind> beside the GraphQL endpoint; errors carry the API's code and message. */
export async function importFile(endpoint: string, kind: ImportKind, file: File, options: { dryRun: boolean; crs?: string }): Promise<ImportReport> {
  const url = new URL(`../imports/${kind}`, endpoint);
  if (options.dryRun) url.searchParams.set('dryRun', '1');
  if (options.crs && options.crs !== 'WGS84') url.searchParams.set('crs', options.crs);
  const type = file.type || (/\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : /\.csv$/i.test(file.name) ? 'text/csv' : 'application/geo+json');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${session.token() ?? ''}` },
    body: file,
    cache: 'no-store',
  });
  const body = (await res.json().catch(() => null)) as (ImportReport & { errors?: { message: string; extensions?: { code?: string } }[] }) | null;
  const failure = body?.errors?.[0];
  if (!res.ok || failure) throw Object.assign(new Error(failure?.message ?? `HTTP ${res.status}`), { code: failure?.extensions?.code ?? 'INTERNAL_SERVER_ERROR' });
  return body!;
}

export interface TreeGrid {
  id: string;
  code: string;
  name: string;
  kind: string;
  boundary: { latitude: number; longitude: number }[] | null;
  workers: { id: string; name: string }[];
  cadres: { id: string; name: string }[];
}

export interface TreeRegion {
  id: string;
  name: string;
  level: string;
  code: string | null;
  children?: TreeRegion[];
  grids: TreeGrid[];
}

const GRID = 'grids { id code name kind boundary { latitude longitude } workers { id name } cadres { id name } }';
const REGION = `id name level code ${GRID}`;
const TREE = `query AdminTree { regions { ${REGION} children { ${REGION} children { ${REGION} children { ${REGION} } } } } }`;

/** Every region (city down to community) with its grids, their boundaries, workers and cadres. */
export async function regionTree(endpoint: string): Promise<TreeRegion[]> {
  return (await consoleClient(endpoint).request<{ regions: TreeRegion[] }>(TREE)).regions;
}

/** Every grid of the tree, depth first. */
export function gridsOf(regions: TreeRegion[]): (TreeGrid & { regionName: string })[] {
  return regions.flatMap((r) => [...r.grids.map((g) => ({ ...g, regionName: r.name })), ...gridsOf(r.children ?? [])]);
}
