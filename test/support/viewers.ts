/** A viewer for tests of the permission rules: a role, no links, no scope, unless `over` sets them. */
import type { Role } from '../../api/src/domain/enums';
import type { Viewer } from '../../api/src/modules/auth/viewer';

export const viewer = (role: Role, over: Partial<Viewer> = {}): Viewer => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  role,
  cadreId: null,
  gridWorkerId: null,
  gridIds: [],
  scopeRegionPath: null,
  ...over,
});
