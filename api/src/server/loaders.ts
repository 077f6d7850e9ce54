/**
 * Per-request DataLoaders for the entity reads outside the issue planner
 * (grids, regions, cadres, visits and their relations): every relation a list
 * can reach is fetched in one statement per kind, whatever its size (no N+1).
 * Issues never go through here: issue.query.ts plans them whole.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Cadre, CadreAssignment } from '../modules/cadres/cadre.entity';
import { Category } from '../modules/categories/category.entity';
import { Grid } from '../modules/grids/grid.entity';
import { GridWorker } from '../modules/grids/grid-worker.entity';
import { Region } from '../modules/regions/region.entity';

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

export function createLoaders(em: EntityManager) {
  return {
    category: new DataLoader<string, Category | null>(async (codes) =>
      byKey(codes, await em.find(Category, { code: { $in: [...codes] } }), (c) => c.code),
    ),
    grid: new DataLoader<string, Grid | null>(async (ids) =>
      byKey(ids, await em.find(Grid, { id: { $in: [...ids] } }), (g) => g.id),
    ),
    region: new DataLoader<string, Region | null>(async (ids) =>
      byKey(ids, await em.find(Region, { id: { $in: [...ids] } }), (r) => r.id),
    ),
    cadre: new DataLoader<string, Cadre | null>(async (ids) =>
      byKey(ids, await em.find(Cadre, { id: { $in: [...ids] } }), (c) => c.id),
    ),
    regionChildren: new DataLoader<string, Region[]>(async (ids) =>
      groupBy(ids, await em.find(Region, { parent: { $in: [...ids] } }, { orderBy: { name: 'asc' } }), (r) => r.parent!.id),
    ),
    gridsByRegion: new DataLoader<string, Grid[]>(async (ids) =>
      groupBy(ids, await em.find(Grid, { region: { $in: [...ids] } }, { orderBy: { code: 'asc' } }), (g) => g.region.id),
    ),
    workersByGrid: new DataLoader<string, GridWorker[]>(async (ids) =>
      groupBy(ids, await em.find(GridWorker, { grid: { $in: [...ids] } }, { orderBy: { name: 'asc' } }), (w) => w.grid.id),
    ),
    cadresByGrid: new DataLoader<string, Cadre[]>(async (ids) => {
      const rows = await em.find(CadreAssignment, { grid: { $in: [...ids] } }, { populate: ['cadre'], orderBy: { assignedAt: 'asc' } });
      return groupBy(ids, rows, (a) => a.grid.id).map((list) => list.map((a) => a.cadre));
    }),
    gridsByCadre: new DataLoader<string, Grid[]>(async (ids) => {
      const rows = await em.find(CadreAssignment, { cadre: { $in: [...ids] } }, { populate: ['grid'], orderBy: { assignedAt: 'asc' } });
      return groupBy(ids, rows, (a) => a.cadre.id).map((list) => list.map((a) => a.grid));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
