/**
 * Who is asking. A viewer is resolved once per request (or per WebSocket
 * connection) from the staff token; public callers have none.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { fixedStatement, runFixed } from '../../db/prepared-sql';
import { sql } from '../../db/sql';
import { Role } from '../../domain/enums';

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
  /** Signed in with a one-time password: only changePassword (and me) until it is changed. */
  mustChangePassword?: boolean;
}

interface ViewerRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  cadre_id: string | null;
  grid_worker_id: string | null;
  worker_grid_id: string | null;
  scope_path: string | null;
  cadre_grid_ids: string[] | null;
  must_change_password: boolean;
}

/**
 * One statement per request (so a deactivated account — `active` false — has no
 * viewer from its very next request, on every replica: tokens stop working at once): the user, a worker's grid, a cadre's assigned grids and scope region. */
const VIEWER = fixedStatement(
  1,
  (userId) => sql.query`select u.id, u.username, u.display_name, u.role, u.cadre_id, u.grid_worker_id, u.must_change_password,
    w.grid_id as worker_grid_id, s.path as scope_path,
    (select json_agg(a.grid_id order by a.assigned_at) from cadre_assignment a where a.cadre_id = u.cadre_id) as cadre_grid_ids
  from app_user u
  left join grid_worker w on w.id = u.grid_worker_id
  left join region s on s.id = u.scope_region_id
  where u.id = ${userId}::uuid and u.active`,
);

export async function loadViewer(em: EntityManager, userId: string): Promise<Viewer | null> {
  // Every staff request runs it: planned once per connection (prepared-sql.ts).
  const [user] = await runFixed<ViewerRow>(em, VIEWER, [userId]);
  if (!user) return null;
  let gridIds: string[] = [];
  if (user.role === Role.CADRE && user.cadre_id) gridIds = user.cadre_grid_ids ?? [];
  else if (user.role === Role.GRID_WORKER && user.worker_grid_id) gridIds = [user.worker_grid_id];
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    cadreId: user.cadre_id,
    gridWorkerId: user.grid_worker_id,
    gridIds,
    scopeRegionPath: user.role === Role.CADRE ? user.scope_path : null,
    mustChangePassword: user.must_change_password,
  };
}
