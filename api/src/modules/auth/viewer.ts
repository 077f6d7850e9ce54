/**
 * Who is asking. A viewer is resolved once per request (or per WebSocket
 * connection) from the staff token; public callers have none.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../domain/enums';
import { CadreAssignment } from '../cadres/cadre.entity';
import { User } from './user.entity';

export interface Viewer {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  cadreId: string | null;
  gridWorkerId: string | null;
  /** The grids this viewer works in: a cadre's assigned grids, a worker's grid. */
  gridIds: string[];
  /** A cadre user with a scope region sees that region's whole subtree. */
  scopeRegionPath: string | null;
}

export async function loadViewer(em: EntityManager, userId: string): Promise<Viewer | null> {
  const user = await em.findOne(User, { id: userId }, { populate: ['gridWorker', 'scopeRegion'] });
  if (!user) return null;
  let gridIds: string[] = [];
  if (user.role === Role.CADRE && user.cadre) {
    const assignments = await em.find(CadreAssignment, { cadre: user.cadre.id }, { fields: ['grid'] });
    gridIds = assignments.map((a) => a.grid.id);
  } else if (user.role === Role.GRID_WORKER && user.gridWorker) {
    gridIds = [user.gridWorker.grid.id];
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    cadreId: user.cadre?.id ?? null,
    gridWorkerId: user.gridWorker?.id ?? null,
    gridIds,
    scopeRegionPath: user.role === Role.CADRE ? (user.scopeRegion?.path ?? null) : null,
  };
}
