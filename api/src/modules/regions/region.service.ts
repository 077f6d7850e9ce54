/** The administrative tree: lookups and creation (with the materialised path). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RegionLevel } from '../../domain/enums';
import { isUuid, requireText } from '../../domain/validate';
import { badInput, notFound } from '../../errors';
import { Region } from './region.entity';
import type { CreateRegionInput } from './region.type';

/** A child is exactly one level below its parent. */
const PARENT_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  [RegionLevel.CITY]: null,
  [RegionLevel.COUNTY]: RegionLevel.CITY,
  [RegionLevel.TOWNSHIP]: RegionLevel.COUNTY,
  [RegionLevel.COMMUNITY]: RegionLevel.TOWNSHIP,
};

export async function findRegion(em: EntityManager, id: string): Promise<Region | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Region, { id });
}

export async function requireRegion(em: EntityManager, id: string, field = 'regionId'): Promise<Region> {
  const region = await findRegion(em, id);
  if (!region) throw notFound(`Region (${field})`, id);
  return region;
}

export async function listRegions(em: EntityManager, parentId: string | null | undefined): Promise<Region[]> {
  if (parentId === null || parentId === undefined) {
    return em.find(Region, { parent: null }, { orderBy: { name: 'asc' } });
  }
  const parent = await requireRegion(em, parentId, 'parentId');
  return em.find(Region, { parent: parent.id }, { orderBy: { name: 'asc' } });
}

export async function createRegion(em: EntityManager, input: CreateRegionInput): Promise<Region> {
  const name = requireText(input.name, 'name', 100);
  const expectedParent = PARENT_LEVEL[input.level];
  let parent: Region | undefined;
  if (input.parentId) {
    parent = await requireRegion(em, input.parentId, 'parentId');
  }
  if (expectedParent === null && parent) {
    throw badInput('A CITY is a top-level region: leave parentId out.', 'parentId');
  }
  if (expectedParent !== null && !parent) {
    throw badInput(`A ${input.level} needs a parent region of level ${expectedParent} (parentId).`, 'parentId');
  }
  if (parent && parent.level !== expectedParent) {
    throw badInput(`A ${input.level} belongs under a ${expectedParent}, not under a ${parent.level}.`, 'parentId');
  }
  const region = em.create(Region, { name, level: input.level, parent, path: '' });
  region.path = `${parent ? parent.path : '/'}${region.id}/`;
  await em.persistAndFlush(region);
  return region;
}
