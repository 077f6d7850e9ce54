/**
 * Who is asking. A viewer is resolved once per request (or per WebSocket
 * connection) from the staff token; public callers have none.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { fixedStatement, runFixed } from '../../db/prepared-sql';
import { sql, type SQL } from '../../db/sql';
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
 * Everything a viewer is made of, as one JSON text: the user, a worker's grid, a cadre's assigned grids and scope
 * region, or null for an account that is gone or deactivated (`active` false). The same text for the same rows, so
 * two readings compare as strings (viewer-check.ts reads it again inside a page's statement).
 */
export function viewerStampSql(userId: SQL): SQL {
  // Correlated look-ups rather than joins: each is one index probe, where joins built hash tables of every grid
  // worker and region on each execution (about a third of the stamp's time in PostgreSQL).
  return sql.fragment`(select row_to_json(v)::text from (
    select u.id, u.username, u.display_name, u.role, u.cadre_id, u.grid_worker_id, u.must_change_password,
      (select w.grid_id from grid_worker w where w.id = u.grid_worker_id) as worker_grid_id,
      (select s.path from region s where s.id = u.scope_region_id) as scope_path,
      case when u.cadre_id is not null then
        (select json_agg(a.grid_id order by a.assigned_at, a.grid_id) from cadre_assignment a where a.cadre_id = u.cadre_id)
      end as cadre_grid_ids
    from app_user u
    where u.id = ${userId}::uuid and u.active
  ) v)`;
}

/**
 * Read on every request that is not checked inside its first page statement (so a deactivated account has no
 * viewer from its very next request, on every replica: tokens stop working at once).
 */
const VIEWER = fixedStatement(1, (userId) => sql.query`select ${viewerStampSql(userId)} as stamp`);

/** The viewer's stamp as the database has it now, or null when the account is gone or deactivated. */
export async function readViewerStamp(em: EntityManager, userId: string): Promise<string | null> {
  // Planned once per connection (prepared-sql.ts).
  const [row] = await runFixed<{ stamp: string | null }>(em, VIEWER, [userId]);
  return row?.stamp ?? null;
}

/** The viewer a stamp describes. */
export function viewerOfStamp(stamp: string): Viewer {
  const user = JSON.parse(stamp) as ViewerRow;
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

export async function loadViewer(em: EntityManager, userId: string): Promise<Viewer | null> {
  const stamp = await readViewerStamp(em, userId);
  return stamp === null ? null : viewerOfStamp(stamp);
}
