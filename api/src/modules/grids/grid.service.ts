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
import type { CreateGridInput, CreateGridWorkerInput } from './grid.type';

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

export async function createGrid(em: EntityManager, input: CreateGridInput): Promise<Grid> {
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
  try {
    await em.persistAndFlush(grid);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw badInput(`A grid with code "${code}" already exists: grid codes are unique.`, 'code');
    }
    throw error;
  }
  return grid;
}

export async function createGridWorker(em: EntityManager, input: CreateGridWorkerInput): Promise<GridWorker> {
  const name = requireText(input.name, 'name', 100);
  const grid = await requireGrid(em, input.gridId);
  const worker = em.create(GridWorker, { name, grid });
  await em.persistAndFlush(worker);
  return worker;
}

export async function findGridWorker(em: EntityManager, id: string): Promise<GridWorker | null> {
  if (!isUuid(id)) return null;
  return em.findOne(GridWorker, { id });
}
