/** The administrative tree: lookups and creation (with the materialised path). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RegionLevel } from '../../domain/enums';
import { isUuid, requireText } from '../../domain/validate';
import { badInput, notFound } from '../../errors';
import { Region } from './region.entity';
import type { CreateRegionInput } from './region.type';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { audit } from '../audit/audit.service';
import type { Viewer } from '../auth/viewer';

/** A division code: 1 to 20 ASCII letters and digits (行政区划代码 are 6, 9 or 12 digits; local codes vary). */
const REGION_CODE = /^[0-9A-Za-z]{1,20}$/;

export function requireRegionCode(code: string, field = 'code'): string {
  const trimmed = code.trim();
  if (!REGION_CODE.test(trimmed)) throw badInput(`${field} is 1 to 20 letters or digits (a division code such as 420106).`, field);
  return trimmed;
}

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

export async function createRegion(em: EntityManager, input: CreateRegionInput, actor?: Viewer | null): Promise<Region> {
  const name = requireText(input.name, 'name', 100);
  const code = input.code === null || input.code === undefined ? null : requireRegionCode(input.code);
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
  const region = em.create(Region, { name, code, level: input.level, parent, path: '' });
  region.path = `${parent ? parent.path : '/'}${region.id}/`;
  em.persist(region);
  if (actor) audit(em, actor, { action: 'createRegion', target: `Region:${region.id}`, summary: `Created ${input.level} ${name}${code ? ` (${code})` : ''}` });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw badInput(`A region with code "${code}" already exists: region codes are unique.`, 'code');
    throw error;
  }
  return region;
}
