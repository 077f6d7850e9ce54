/** Cadres and their grid assignments (包联). */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CadreLevel } from '../../domain/enums';
import { isUuid, requireText } from '../../domain/validate';
import { notFound } from '../../errors';
import { escapeLike } from '../auth/scope';
import { requireGrid } from '../grids/grid.service';
import { requireRegion } from '../regions/region.service';
import { Cadre, CadreAssignment } from './cadre.entity';
import type { CreateCadreInput } from './cadre.type';

export async function findCadre(em: EntityManager, id: string): Promise<Cadre | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Cadre, { id });
}

export async function requireCadre(em: EntityManager, id: string, field = 'cadreId'): Promise<Cadre> {
  const cadre = await findCadre(em, id);
  if (!cadre) throw notFound(`Cadre (${field})`, id);
  return cadre;
}

/** Cadres of a region's subtree (or all), optionally of one level. */
export async function listCadres(em: EntityManager, regionId?: string | null, level?: CadreLevel | null): Promise<Cadre[]> {
  const where: Record<string, unknown> = {};
  if (level) where.level = level;
  if (regionId) {
    const region = await requireRegion(em, regionId);
    where.region = { path: { $like: `${escapeLike(region.path)}%` } };
  }
  return em.find(Cadre, where, { orderBy: { level: 'asc', name: 'asc' } });
}

export async function createCadre(em: EntityManager, input: CreateCadreInput): Promise<Cadre> {
  const name = requireText(input.name, 'name', 100);
  const unit = requireText(input.unit, 'unit', 200);
  const region = input.regionId ? await requireRegion(em, input.regionId) : null;
  const cadre = em.create(Cadre, { name, unit, level: input.level, region });
  await em.persistAndFlush(cadre);
  return cadre;
}

/** Idempotent: assigning twice leaves one assignment. */
export async function assignCadre(em: EntityManager, cadreId: string, gridId: string): Promise<Cadre> {
  const cadre = await requireCadre(em, cadreId);
  const grid = await requireGrid(em, gridId);
  await em
    .getConnection()
    .execute(
      'insert into cadre_assignment (id, cadre_id, grid_id, assigned_at) values (gen_random_uuid(), ?, ?, ?) on conflict (cadre_id, grid_id) do nothing',
      [cadre.id, grid.id, new Date()],
    );
  return cadre;
}

/** Idempotent: removing an assignment that does not exist changes nothing. */
export async function unassignCadre(em: EntityManager, cadreId: string, gridId: string): Promise<Cadre> {
  const cadre = await requireCadre(em, cadreId);
  const grid = await requireGrid(em, gridId);
  await em.nativeDelete(CadreAssignment, { cadre: cadre.id, grid: grid.id });
  return cadre;
}
