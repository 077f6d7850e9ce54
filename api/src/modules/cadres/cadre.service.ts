/** Cadres and their grid assignments (包联). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, timestamptz } from '../../db/sql';
import { audit } from '../audit/audit.service';
import type { Viewer } from '../auth/viewer';
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

export async function createCadre(em: EntityManager, input: CreateCadreInput, actor?: Viewer | null): Promise<Cadre> {
  const name = requireText(input.name, 'name', 100);
  const unit = requireText(input.unit, 'unit', 200);
  const region = input.regionId ? await requireRegion(em, input.regionId) : null;
  const cadre = em.create(Cadre, { name, unit, level: input.level, region });
  em.persist(cadre);
  if (actor) audit(em, actor, { action: 'createCadre', target: `Cadre:${cadre.id}`, summary: `Created a ${input.level} cadre of ${unit}` });
  await em.flush();
  return cadre;
}

/** Idempotent: assigning twice leaves one assignment. */
export async function assignCadre(em: EntityManager, cadreId: string, gridId: string, actor?: Viewer | null): Promise<Cadre> {
  const cadre = await requireCadre(em, cadreId);
  const grid = await requireGrid(em, gridId);
  // The assignment and its audit entry in one transaction.
  await em.transactional(async (tx) => {
    const inserted = await runSql<{ id: string }>(
      tx,
      sql.query`insert into cadre_assignment (id, cadre_id, grid_id, assigned_at)
        values (gen_random_uuid(), ${sql.value(cadre.id)}::uuid, ${sql.value(grid.id)}::uuid, ${timestamptz(new Date())})
        on conflict (cadre_id, grid_id) do nothing returning id`,
    );
    if (actor && inserted.length > 0) audit(tx, actor, { action: 'assignCadre', target: `Cadre:${cadre.id}`, summary: `Assigned to grid ${grid.code}` });
  });
  return cadre;
}

/** Idempotent: removing an assignment that does not exist changes nothing. */
export async function unassignCadre(em: EntityManager, cadreId: string, gridId: string, actor?: Viewer | null): Promise<Cadre> {
  const cadre = await requireCadre(em, cadreId);
  const grid = await requireGrid(em, gridId);
  await em.transactional(async (tx) => {
    const removed = await tx.nativeDelete(CadreAssignment, { cadre: cadre.id, grid: grid.id });
    if (actor && removed > 0) audit(tx, actor, { action: 'unassignCadre', target: `Cadre:${cadre.id}`, summary: `Unassigned from grid ${grid.code}` });
  });
  return cadre;
}
