/** Grids: lookups, the point-in-polygon search, creation, and their workers. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { RegionLevel } from '../../domain/enums';
import { isUuid, optionalText, requireLatitude, requireLongitude, requireText } from '../../domain/validate';
import { badInput, notFound } from '../../errors';
import { requireRegion } from '../regions/region.service';
import { boundingBox, doubleArea, pointInPolygon } from './geometry';
import { Grid, type LatLng } from './grid.entity';
import { GridWorker } from './grid-worker.entity';
import type { CreateGridInput, CreateGridWorkerInput, UpdateGridInput } from './grid.type';
import { audit } from '../audit/audit.service';
import type { Viewer } from '../auth/viewer';

const MAX_BOUNDARY_POINTS = 2000;

export async function findGrid(em: EntityManager, id: string): Promise<Grid | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Grid, { id });
}

export async function requireGrid(em: EntityManager, id: string, field = 'gridId'): Promise<Grid> {
  const grid = await findGrid(em, id);
  if (!grid) throw notFound(`Grid (${field})`, id);
  return grid;
}

/** The grid whose boundary contains the point: the bounding-box index narrows, the polygon test decides. */
export async function gridAt(em: EntityManager, latitude: number, longitude: number): Promise<Grid | null> {
  requireLatitude(latitude);
  requireLongitude(longitude);
  const candidates = await em.find(
    Grid,
    {
      minLatitude: { $lte: latitude },
      maxLatitude: { $gte: latitude },
      minLongitude: { $lte: longitude },
      maxLongitude: { $gte: longitude },
    },
    { orderBy: { code: 'asc' } },
  );
  const point = { latitude, longitude };
  return candidates.find((grid) => grid.boundary && pointInPolygon(point, grid.boundary)) ?? null;
}

export function validateBoundary(points: readonly LatLng[] | null | undefined): LatLng[] | null {
  if (points === null || points === undefined) return null;
  if (points.length > MAX_BOUNDARY_POINTS) throw badInput(`A boundary has at most ${MAX_BOUNDARY_POINTS} points.`, 'boundary');
  const polygon = points.map((p, i) => ({
    latitude: requireLatitude(p.latitude, `boundary[${i}].latitude`),
    longitude: requireLongitude(p.longitude, `boundary[${i}].longitude`),
  }));
  const first = polygon[0];
  const last = polygon[polygon.length - 1];
  if (polygon.length > 1 && first.latitude === last.latitude && first.longitude === last.longitude) polygon.pop();
  if (polygon.length < 3) throw badInput('A boundary is a polygon: give at least three distinct points.', 'boundary');
  if (doubleArea(polygon) === 0) throw badInput('The boundary points all lie on one line: that encloses no area.', 'boundary');
  return polygon;
}

export async function createGrid(em: EntityManager, input: CreateGridInput, actor?: Viewer | null): Promise<Grid> {
  const code = requireText(input.code, 'code', 50);
  const name = requireText(input.name, 'name', 100);
  const description = optionalText(input.description, 'description', 500);
  const boundary = validateBoundary(input.boundary);
  const region = await requireRegion(em, input.regionId);
  if (region.level !== RegionLevel.COMMUNITY) {
    throw badInput(`A grid belongs to a COMMUNITY region; "${region.name}" is a ${region.level}.`, 'regionId');
  }
  const grid = em.create(Grid, {
    code,
    name,
    description,
    kind: input.kind,
    region,
    regionPath: region.path,
    boundary,
    ...(boundary ? boundingBox(boundary) : {}),
  });
  em.persist(grid);
  if (actor) audit(em, actor, { action: 'createGrid', target: `Grid:${grid.id}`, summary: `Created grid ${code} ${name}` });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw badInput(`A grid with code "${code}" already exists: grid codes are unique.`, 'code');
    }
    throw error;
  }
  return grid;
}

export async function createGridWorker(em: EntityManager, input: CreateGridWorkerInput, actor?: Viewer | null): Promise<GridWorker> {
  const name = requireText(input.name, 'name', 100);
  const grid = await requireGrid(em, input.gridId);
  const worker = em.create(GridWorker, { name, grid });
  em.persist(worker);
  if (actor) audit(em, actor, { action: 'createGridWorker', target: `GridWorker:${worker.id}`, summary: `Added a grid worker to grid ${grid.code}` });
  await em.flush();
  return worker;
}

export async function findGridWorker(em: EntityManager, id: string): Promise<GridWorker | null> {
  if (!isUuid(id)) return null;
  return em.findOne(GridWorker, { id });
}

/** ADMIN: renames, re-kinds, re-draws or re-describes a grid; only the fields given change (null clears description/boundary). */
export async function updateGrid(em: EntityManager, actor: Viewer | null, id: string, input: UpdateGridInput): Promise<Grid> {
  const grid = await requireGrid(em, id, 'id');
  const changed: string[] = [];
  if (input.name !== undefined && input.name !== null) {
    const name = requireText(input.name, 'name', 100);
    if (name !== grid.name) (grid.name = name), changed.push('name');
  }
  if (input.kind !== undefined && input.kind !== null && input.kind !== grid.kind) (grid.kind = input.kind), changed.push('kind');
  if (input.description !== undefined) {
    const description = optionalText(input.description, 'description', 500);
    if (description !== (grid.description ?? null)) (grid.description = description), changed.push('description');
  }
  if (input.boundary !== undefined) {
    const boundary = validateBoundary(input.boundary);
    if (JSON.stringify(boundary) !== JSON.stringify(grid.boundary ?? null)) {
      grid.boundary = boundary;
      Object.assign(grid, boundary ? boundingBox(boundary) : { minLatitude: null, maxLatitude: null, minLongitude: null, maxLongitude: null });
      changed.push('boundary');
    }
  }
  if (changed.length > 0) {
    audit(em, actor, { action: 'updateGrid', target: `Grid:${grid.id}`, summary: `Updated grid ${grid.code}: ${changed.join(', ')}` });
    await em.flush();
  }
  return grid;
}
