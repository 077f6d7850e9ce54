/**
 * Per-request DataLoaders: every relation a list can reach is fetched in one
 * statement per kind, whatever the page size (no N+1).
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRowMapper } from '../db/plain-rows';
import { Cadre, CadreAssignment } from '../modules/cadres/cadre.entity';
import { Category } from '../modules/categories/category.entity';
import { Grid } from '../modules/grids/grid.entity';
import { GridWorker } from '../modules/grids/grid-worker.entity';
import { IssueEvent } from '../modules/issues/issue-event.entity';
import { Region } from '../modules/regions/region.entity';
import { Issue } from '../modules/issues/issue.entity';
import { issueScopeCondition } from '../modules/auth/scope';
import type { Viewer } from '../modules/auth/viewer';

/**
 * A DataLoader whose primed values can be read without a promise: a list page
 * primes every relation it joined, and its thousands of relation fields then
 * resolve synchronously instead of each awaiting a cached promise.
 */
export class PrimedLoader<K, V> extends DataLoader<K, V> {
  private readonly primed = new Map<K, V>();

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!(value instanceof Error) && !isPromiseLike(value) && !this.primed.has(key)) this.primed.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.primed.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.primed.clear();
    return super.clearAll();
  }

  /** The primed value at once, or a load. */
  get(key: K): V | Promise<V> {
    return this.primed.has(key) ? (this.primed.get(key) as V) : this.load(key);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

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

export function createLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    /** Issues by id, only those in the viewer's scope (others load as null). */
    issueInScope: new DataLoader<string, Issue | null>(async (ids) => {
      const scope = issueScopeCondition(viewer, 'i');
      const rows = await em
        .getConnection()
        .execute<Record<string, unknown>[]>(
          `select i.* from issue i where i.id = any(?::uuid[])${scope ? ` and ${scope.sql}` : ''}`,
          [`{${ids.join(',')}}`, ...(scope ? scope.params : [])],
        );
      return byKey(ids, rows.map((row) => em.map(Issue, row)), (i) => i.id);
    }),
    category: new PrimedLoader<string, Category | null>(async (codes) =>
      byKey(codes, await em.find(Category, { code: { $in: [...codes] } }), (c) => c.code),
    ),
    grid: new PrimedLoader<string, Grid | null>(async (ids) =>
      byKey(ids, await em.find(Grid, { id: { $in: [...ids] } }), (g) => g.id),
    ),
    region: new PrimedLoader<string, Region | null>(async (ids) =>
      byKey(ids, await em.find(Region, { id: { $in: [...ids] } }), (r) => r.id),
    ),
    cadre: new PrimedLoader<string, Cadre | null>(async (ids) =>
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
    /** Timelines, oldest first, as plain read-only rows (a page's timelines are hundreds of events). */
    eventsByIssue: new PrimedLoader<string, IssueEvent[]>(async (ids) => {
      const rows = await em
        .getConnection()
        .execute<Record<string, unknown>[]>(`select e.* from issue_event e where e.issue_id = any(?::uuid[]) order by e.seq`, [`{${ids.join(',')}}`]);
      const toEvent = plainRowMapper<IssueEvent>(em.getMetadata(), IssueEvent);
      return groupBy(ids, rows.map(toEvent), (e) => e.issue.id);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
