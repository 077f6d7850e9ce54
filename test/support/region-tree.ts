/**
 * Builders for a small region tree made through the services (no HTTP), as
 * tests about figures per region use it: a region under its parent, and a
 * grid with a small triangle boundary at latitude `lat` (each grid of a test
 * at its own latitude, so boundaries never overlap).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { GridKind, type RegionLevel } from '../../api/src/domain/enums';
import { createGrid } from '../../api/src/modules/grids/grid.service';
import { createRegion } from '../../api/src/modules/regions/region.service';

export function regionTreeBuilders(em: EntityManager, longitude: number) {
  return {
    region: async (name: string, level: RegionLevel, parentId?: string) => (await createRegion(em, { name, level, parentId })).id,
    grid: async (code: string, regionId: string, lat: number) =>
      (
        await createGrid(em, {
          code,
          name: code,
          kind: GridKind.RURAL,
          regionId,
          boundary: [
            { latitude: lat, longitude },
            { latitude: lat, longitude: longitude + 0.01 },
            { latitude: lat + 0.01, longitude: longitude + 0.01 },
          ],
        })
      ).id,
  };
}
