/**
 * Visits (走访 / 报到 / 议事会): recorded by the people who work a grid, read
 * by staff who see that grid.
 */
import DataLoader from 'dataloader';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql } from '../../db/sql';
import { Role } from '../../domain/enums';
import { optionalText, requirePageSize } from '../../domain/validate';
import { badInput, forbidden } from '../../errors';
import { viewerSeesGrid } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import type { Grid } from '../grids/grid.entity';
import { requireGrid } from '../grids/grid.service';
import { Visit } from './visit.entity';
import type { VisitInput } from './visit.type';

const NOTES_MAX = 2000;
const HOUSEHOLDS_MAX = 100_000;
const IDEMPOTENCY_KEY_MAX = 200;

/**
 * Who may record a visit at a grid: a cadre assigned to it (the visit is
 * theirs), a grid worker of it, or an admin. Default deny.
 */
export function mayRecordVisit(viewer: Viewer, gridId: string): boolean {
  switch (viewer.role) {
    case Role.ADMIN:
      return true;
    case Role.CADRE:
    case Role.GRID_WORKER:
      return viewer.gridIds.includes(gridId);
    default:
      return false;
  }
}

export async function recordVisit(em: EntityManager, viewer: Viewer, input: VisitInput, now: Date = new Date()): Promise<Visit> {
  const notes = optionalText(input.notes, 'input.notes', NOTES_MAX);
  const households = input.households ?? null;
  if (households !== null && (!Number.isInteger(households) || households < 0 || households > HOUSEHOLDS_MAX)) {
    throw badInput(`input.households must be a whole number from 0 to ${HOUSEHOLDS_MAX}.`, 'input.households');
  }
  const idempotencyKey = optionalText(input.idempotencyKey, 'input.idempotencyKey', IDEMPOTENCY_KEY_MAX);
  // Same key from the same person: the visit recorded the first time (a phone resending after a dead spot).
  const earlier = async () => (idempotencyKey ? em.findOne(Visit, { idempotencyScope: viewer.userId, idempotencyKey }) : null);
  const recorded = await earlier();
  if (recorded) return recorded;
  const grid = await requireGrid(em, input.gridId, 'input.gridId');
  if (!mayRecordVisit(viewer, grid.id)) {
    throw forbidden("Only the grid's assigned cadres, its grid workers and admins may record visits there.");
  }
  const visit = em.create(Visit, {
    kind: input.kind,
    grid,
    cadre: viewer.role === Role.CADRE ? viewer.cadreId : null,
    notes,
    households,
    recordedBy: viewer.displayName,
    at: now,
    idempotencyScope: idempotencyKey ? viewer.userId : null,
    idempotencyKey,
  });
  try {
    await em.persistAndFlush(visit);
  } catch (error) {
    // Two sends of one key at once: the other one recorded it.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    em.clear();
    const winner = await earlier();
    if (!winner) throw error;
    return winner;
  }
  return visit;
}

/**
 * A grid's visits, newest first — empty for anyone who does not see the grid.
 * Batched per request: one statement for all the grids of a list.
 */
export async function gridVisits(loader: VisitLoader, viewer: Viewer | null, grid: Pick<Grid, 'id' | 'regionPath'>, first: number | null | undefined): Promise<Visit[]> {
  const size = requirePageSize(first);
  if (!viewerSeesGrid(viewer, grid)) return [];
  return loader.load({ gridId: grid.id, first: size });
}

export type VisitLoader = DataLoader<{ gridId: string; first: number }, Visit[], string>;

export function createVisitLoader(em: EntityManager): VisitLoader {
  return new DataLoader(
    async (keys) => {
      const first = Math.max(...keys.map((k) => k.first));
      const ids = [...new Set(keys.map((k) => k.gridId))];
      const rows = await runSql<Record<string, unknown>>(
        em,
        sql.query`select * from (
           select v.*, row_number() over (partition by v.grid_id order by v.at desc, v.id desc) as rank
           from visit v where v.grid_id = any(${sql.value(`{${ids.join(',')}}`)}::uuid[])
         ) ranked where rank <= ${sql.value(first)} order by grid_id, rank`,
      );
      const byGrid = new Map<string, Visit[]>();
      for (const row of rows) {
        const { rank: _rank, ...columns } = row;
        const visit = em.map(Visit, columns);
        const list = byGrid.get(visit.grid.id);
        if (list) list.push(visit);
        else byGrid.set(visit.grid.id, [visit]);
      }
      return keys.map((k) => (byGrid.get(k.gridId) ?? []).slice(0, k.first));
    },
    { cacheKeyFn: (k) => `${k.gridId}:${k.first}` },
  );
}
