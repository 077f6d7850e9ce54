/**
 * POST /imports/regions-grids: the GIS office's GeoJSON FeatureCollection.
 * Region features (code, name, level, parentCode) and grid features (code,
 * name, kind, regionCode, optional description; a Polygon or a one-part
 * MultiPolygon) are upserted by code in one transaction, after every feature
 * has been checked: any problem, and nothing is written.
 *
 * Coordinates are WGS-84/CGCS2000 unless `crs` says GCJ02 or BD09 (the offset
 * systems of Chinese web maps); those are converted with gcoord and stored in
 * WGS-84, what a phone's GPS reports, so gridAt stays right.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import gcoord from 'gcoord';
import { runSql, sql, timestamptz } from '../../db/sql';
import { GridKind, RegionLevel } from '../../domain/enums';
import { audit } from '../audit/audit.service';
import type { Viewer } from '../auth/viewer';
import { boundingBox, type BoundingBox } from '../grids/geometry';
import type { LatLng } from '../grids/grid.entity';
import { area, overlapsOver, selfIntersects, type OverlapCandidate } from './boundary-checks';
import { Problems, Tally, type ImportReport } from './import-report';

export type SourceCrs = 'WGS84' | 'GCJ02' | 'BD09';

/** A child is exactly one level below its parent (as region.service.ts). */
const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  [RegionLevel.CITY]: null,
  [RegionLevel.COUNTY]: RegionLevel.CITY,
  [RegionLevel.TOWNSHIP]: RegionLevel.COUNTY,
  [RegionLevel.COMMUNITY]: RegionLevel.TOWNSHIP,
};
const LEVEL_ORDER = [RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY];
const CODE = /^[0-9A-Za-z_-]{1,50}$/;
const REGION_CODE = /^[0-9A-Za-z]{1,20}$/;
const MAX_POINTS = 2000;
/** More than this share of a grid's area covered by another grid is a problem. */
const OVERLAP_SHARE = 0.01;
const BATCH = 500;

interface RegionFeature {
  index: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface GridFeature {
  index: number;
  code: string;
  name: string;
  kind: GridKind;
  regionCode: string;
  description: string | null;
  boundary: LatLng[];
  box: BoundingBox;
}

interface ExistingRegion {
  id: string;
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  path: string;
}

interface ExistingGrid {
  id: string;
  code: string;
  name: string;
  kind: GridKind;
  region_code: string | null;
  description: string | null;
  boundary: LatLng[] | null;
  min_latitude: number | null;
  max_latitude: number | null;
  min_longitude: number | null;
  max_longitude: number | null;
}

const asObject = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

function text(props: Record<string, unknown>, key: string): string | null {
  const value = props[key];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length ? trimmed : null;
}

function converter(crs: SourceCrs): (lng: number, lat: number) => [number, number] {
  if (crs === 'WGS84') return (lng, lat) => [lng, lat];
  const from = crs === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09;
  return (lng, lat) => gcoord.transform([lng, lat], from, gcoord.WGS84) as [number, number];
}

/** The outer ring of a Polygon or one-part MultiPolygon, in WGS-84, or a problem. */
function readBoundary(geometry: unknown, index: number, problems: Problems, convert: (lng: number, lat: number) => [number, number]): LatLng[] | null {
  const geo = asObject(geometry);
  if (!geo || (geo.type !== 'Polygon' && geo.type !== 'MultiPolygon')) {
    problems.add(index, 'geometry', 'A grid needs a Polygon or MultiPolygon geometry.');
    return null;
  }
  let rings = geo.coordinates as unknown;
  if (geo.type === 'MultiPolygon') {
    if (!Array.isArray(rings) || rings.length !== 1) {
      problems.add(index, 'geometry', `A grid is one area: this MultiPolygon has ${Array.isArray(rings) ? rings.length : 0} parts (split it into grids).`);
      return null;
    }
    rings = rings[0];
  }
  if (!Array.isArray(rings) || rings.length === 0 || !Array.isArray(rings[0])) {
    problems.add(index, 'geometry', 'The polygon has no outer ring.');
    return null;
  }
  if (rings.length > 1) {
    problems.add(index, 'geometry', 'Polygons with holes are not supported: give the outer ring only, or split the grid.');
    return null;
  }
  const ring = rings[0] as unknown[];
  if (ring.length > MAX_POINTS + 1) {
    problems.add(index, 'geometry', `A boundary has at most ${MAX_POINTS} points; this one has ${ring.length}.`);
    return null;
  }
  const points: LatLng[] = [];
  for (const position of ring) {
    if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number' || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) {
      problems.add(index, 'geometry', 'Every position is [longitude, latitude] in numbers.');
      return null;
    }
    const [lng, lat] = position as number[];
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      problems.add(index, 'geometry', `Position [${lng}, ${lat}] is outside longitude -180..180 / latitude -90..90 (are longitude and latitude swapped?).`);
      return null;
    }
    const [x, y] = convert(lng, lat);
    points.push({ latitude: Math.round(y * 1e7) / 1e7, longitude: Math.round(x * 1e7) / 1e7 });
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first.latitude === last.latitude && first.longitude === last.longitude) points.pop();
  if (points.length >= 4 && selfIntersects(points)) {
    problems.add(index, 'geometry', 'The boundary crosses itself (a self-intersecting polygon).');
    return null;
  }
  if (points.length < 3 || area(points) === 0) {
    problems.add(index, 'geometry', 'The boundary encloses no area: give at least three points not on one line.');
    return null;
  }
  return points;
}

function parseFeatures(body: unknown, crs: SourceCrs, problems: Problems): { regions: RegionFeature[]; grids: GridFeature[] } {
  const collection = asObject(body);
  const regions: RegionFeature[] = [];
  const grids: GridFeature[] = [];
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    problems.add(0, null, 'The file is not a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}).');
    return { regions, grids };
  }
  const convert = converter(crs);
  const seenRegion = new Map<string, number>();
  const seenGrid = new Map<string, number>();
  collection.features.forEach((raw: unknown, index: number) => {
    const feature = asObject(raw);
    const props = asObject(feature?.properties) ?? {};
    const code = text(props, 'code');
    const name = text(props, 'name');
    const isGrid = props.regionCode !== undefined || props.kind !== undefined;
    if (!isGrid && props.level === undefined) {
      problems.add(index, null, 'A feature is a region (code, name, level, parentCode) or a grid (code, name, kind, regionCode): this one is neither.');
      return;
    }
    if (!name) problems.add(index, 'name', 'name is required.');
    else if (name.length > 100) problems.add(index, 'name', 'name is at most 100 characters.');
    if (isGrid) {
      if (!code || !CODE.test(code)) problems.add(index, 'code', 'A grid code is 1 to 50 letters, digits, dashes or underscores.');
      else if (seenGrid.has(code)) problems.add(index, 'code', `Duplicate grid code "${code}" in the file (first at feature ${seenGrid.get(code)}).`);
      else seenGrid.set(code, index);
      const kind = text(props, 'kind');
      if (!kind || !(kind in GridKind)) problems.add(index, 'kind', `Unknown grid kind "${kind ?? ''}": one of ${Object.keys(GridKind).join(', ')}.`);
      const regionCode = text(props, 'regionCode');
      if (!regionCode) problems.add(index, 'regionCode', 'regionCode (the community the grid belongs to) is required.');
      const description = text(props, 'description');
      if (description && description.length > 500) problems.add(index, 'description', 'description is at most 500 characters.');
      const boundary = readBoundary(feature?.geometry, index, problems, convert);
      if (code && name && kind && kind in GridKind && regionCode && boundary) {
        grids.push({ index, code, name, kind: kind as GridKind, regionCode, description, boundary, box: boundingBox(boundary) });
      }
      return;
    }
    if (!code || !REGION_CODE.test(code)) problems.add(index, 'code', 'A region code is 1 to 20 letters or digits (a division code such as 420106).');
    else if (seenRegion.has(code)) problems.add(index, 'code', `Duplicate region code "${code}" in the file (first at feature ${seenRegion.get(code)}).`);
    else seenRegion.set(code, index);
    const level = text(props, 'level');
    if (!level || !(level in RegionLevel)) problems.add(index, 'level', `Unknown level "${level ?? ''}": one of ${LEVEL_ORDER.join(', ')}.`);
    if (code && name && level && level in RegionLevel) {
      regions.push({ index, code, name, level: level as RegionLevel, parentCode: text(props, 'parentCode') });
    }
  });
  return { regions, grids };
}

export interface RegionsGridsImportOptions {
  dryRun: boolean;
  crs: SourceCrs;
}

export async function importRegionsAndGrids(em: EntityManager, actor: Viewer, body: unknown, options: RegionsGridsImportOptions): Promise<ImportReport> {
  const problems = new Problems();
  const tally = new Tally();
  const { regions, grids } = parseFeatures(body, options.crs, problems);

  const existingRegions = new Map(
    (
      await runSql<ExistingRegion>(
        em,
        sql.query`select r.id, r.code, r.name, r.level, p.code as parent_code, r.path from region r left join region p on p.id = r.parent_id where r.code is not null`,
      )
    ).map((r) => [r.code, r]),
  );
  // The level each code will have after the import: the file's, else the database's.
  const levelOf = new Map<string, RegionLevel>([...existingRegions.values()].map((r) => [r.code, r.level]));
  for (const region of regions) levelOf.set(region.code, region.level);

  for (const region of regions) {
    const expectedParent = PARENT_LEVEL[region.level];
    const existing = existingRegions.get(region.code);
    if (expectedParent === null) {
      if (region.parentCode) problems.add(region.index, 'parentCode', 'A CITY is a top-level region: leave parentCode out.');
    } else if (!region.parentCode) {
      problems.add(region.index, 'parentCode', `A ${region.level} needs parentCode, the code of its ${expectedParent}.`);
    } else if (!levelOf.has(region.parentCode)) {
      problems.add(region.index, 'parentCode', `Unknown parent code "${region.parentCode}": not in the file nor in the database.`);
    } else if (levelOf.get(region.parentCode) !== expectedParent) {
      problems.add(region.index, 'parentCode', `A ${region.level} belongs under a ${expectedParent}; "${region.parentCode}" is a ${levelOf.get(region.parentCode)}.`);
    }
    if (existing && existing.level !== region.level) {
      problems.add(region.index, 'level', `Region "${region.code}" is a ${existing.level}: an import cannot change its level.`);
    } else if (existing && (existing.parent_code ?? null) !== (region.parentCode ?? null)) {
      problems.add(region.index, 'parentCode', `Region "${region.code}" is under "${existing.parent_code ?? ''}": an import cannot move it.`);
    }
  }

  const existingGrids = await runSql<ExistingGrid>(
    em,
    sql.query`select g.id, g.code, g.name, g.kind, r.code as region_code, g.description, g.boundary,
       g.min_latitude, g.max_latitude, g.min_longitude, g.max_longitude
     from grid g join region r on r.id = g.region_id`,
  );
  const gridByCode = new Map(existingGrids.map((g) => [g.code, g]));
  for (const grid of grids) {
    const level = levelOf.get(grid.regionCode);
    if (!level) problems.add(grid.index, 'regionCode', `Unknown region code "${grid.regionCode}": not in the file nor in the database.`);
    else if (level !== RegionLevel.COMMUNITY) problems.add(grid.index, 'regionCode', `A grid belongs to a COMMUNITY; "${grid.regionCode}" is a ${level}.`);
    const existing = gridByCode.get(grid.code);
    // Issues keep the region path of their grid: moving a grid would leave them in the old subtree.
    if (existing && existing.region_code !== grid.regionCode) {
      problems.add(grid.index, 'regionCode', `Grid "${grid.code}" belongs to "${existing.region_code ?? ''}": an import cannot move it to another community.`);
    }
  }

  // Overlaps among the grids as they will be: the file's, and the database's the file does not replace.
  const fileCodes = new Set(grids.map((g) => g.code));
  const candidates: (OverlapCandidate & { index: number | null })[] = grids.map((g) => ({ key: g.code, ring: g.boundary, area: area(g.boundary), index: g.index, ...g.box }));
  for (const g of existingGrids) {
    if (fileCodes.has(g.code) || !g.boundary || g.boundary.length < 3 || g.min_latitude === null) continue;
    candidates.push({
      key: g.code,
      ring: g.boundary,
      area: area(g.boundary),
      index: null,
      minLatitude: g.min_latitude,
      maxLatitude: g.max_latitude!,
      minLongitude: g.min_longitude!,
      maxLongitude: g.max_longitude!,
    });
  }
  for (const { a, b, shared } of overlapsOver(candidates, OVERLAP_SHARE, (x, y) => x.index !== null || y.index !== null)) {
    // Reported once, on the file's feature (the later one when both are in the file).
    const [subject, other] = b.index !== null && (a.index === null || b.index > a.index) ? [b, a] : [a, b];
    const percent = (g: OverlapCandidate) => ((shared / g.area) * 100).toFixed(1);
    problems.add(
      subject.index!,
      'geometry',
      `Grid "${subject.key}" overlaps grid "${other.key}": the shared area is ${percent(subject)} % of "${subject.key}" and ${percent(other)} % of "${other.key}" (at most 1 % is allowed).`,
    );
  }

  // What would change.
  const newRegions: RegionFeature[] = [];
  const renamedRegions: { id: string; name: string }[] = [];
  for (const region of regions) {
    const existing = existingRegions.get(region.code);
    if (!existing) newRegions.push(region), tally.count('created');
    else if (existing.name !== region.name) renamedRegions.push({ id: existing.id, name: region.name }), tally.count('updated');
    else tally.count('unchanged');
  }
  const gridWrites: GridFeature[] = [];
  for (const grid of grids) {
    const existing = gridByCode.get(grid.code);
    if (!existing) gridWrites.push(grid), tally.count('created');
    else if (
      existing.name !== grid.name ||
      existing.kind !== grid.kind ||
      (existing.description ?? null) !== grid.description ||
      JSON.stringify(existing.boundary) !== JSON.stringify(grid.boundary)
    ) {
      gridWrites.push(grid), tally.count('updated');
    } else tally.count('unchanged');
  }

  const report: ImportReport = { dryRun: options.dryRun, ...counts(tally), problems: problems.sorted(), oneTimePasswords: [] };
  if (problems.any) return { ...report, created: 0, updated: 0, unchanged: 0 };
  if (options.dryRun) return report;

  await em.transactional(async (tx) => {
    // Regions by level, parents first, so each child's path extends its parent's.
    const pathOf = new Map<string, { id: string; path: string }>([...existingRegions.values()].map((r) => [r.code, { id: r.id, path: r.path }]));
    const now = timestamptz(new Date());
    const uuid = (id: string | null) => sql.fragment`${sql.value(id)}::uuid`;
    for (const level of LEVEL_ORDER) {
      const rows = newRegions.filter((r) => r.level === level).map((r) => {
        const id = randomUUID();
        const parent = r.parentCode ? pathOf.get(r.parentCode)! : null;
        const path = `${parent ? parent.path : '/'}${id}/`;
        pathOf.set(r.code, { id, path });
        return sql.fragment`(${uuid(id)}, ${sql.value(r.code)}, ${sql.value(r.name)}, ${sql.value(r.level)}, ${uuid(parent?.id ?? null)}, ${sql.value(path)}, ${now})`;
      });
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        await runSql(tx, sql.query`insert into region (id, code, name, level, parent_id, path, created_at) values ${sql.join(batch, ', ')}`);
      }
    }
    for (const region of renamedRegions) {
      await runSql(tx, sql.query`update region set name = ${sql.value(region.name)} where id = ${uuid(region.id)}`);
    }
    for (let i = 0; i < gridWrites.length; i += BATCH) {
      const batch = gridWrites.slice(i, i + BATCH);
      const rows = batch.map((g) => {
        const region = pathOf.get(g.regionCode)!;
        const box = g.box;
        return sql.fragment`(${uuid(randomUUID())}, ${sql.value(g.code)}, ${sql.value(g.name)}, ${sql.value(g.description)}, ${sql.value(g.kind)}, ${uuid(
          region.id,
        )}, ${sql.value(region.path)}, ${sql.value(JSON.stringify(g.boundary))}::jsonb, ${sql.value(box.minLatitude)}, ${sql.value(box.maxLatitude)}, ${sql.value(
          box.minLongitude,
        )}, ${sql.value(box.maxLongitude)}, ${now})`;
      });
      await runSql(
        tx,
        sql.query`insert into grid (id, code, name, description, kind, region_id, region_path, boundary, min_latitude, max_latitude, min_longitude, max_longitude, created_at)
         values ${sql.join(rows, ', ')}
         on conflict (code) do update set name = excluded.name, description = excluded.description, kind = excluded.kind, region_id = excluded.region_id,
           region_path = excluded.region_path, boundary = excluded.boundary, min_latitude = excluded.min_latitude, max_latitude = excluded.max_latitude,
           min_longitude = excluded.min_longitude, max_longitude = excluded.max_longitude`,
      );
    }
    audit(tx, actor, {
      action: 'importRegionsGrids',
      summary: `Imported ${regions.length} regions and ${grids.length} grids${options.crs === 'WGS84' ? '' : ` (from ${options.crs})`}: ${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged`,
    });
  });
  return report;
}

function counts(tally: Tally) {
  return { created: tally.created, updated: tally.updated, unchanged: tally.unchanged };
}
