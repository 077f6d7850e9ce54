/** Staff accounts: sign-in, creation, deactivation and passwords. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Role } from '../../domain/enums';
import { isUuid, optionalText, requirePageSize, requireText } from '../../domain/validate';
import { badInput, forbidden, unauthenticated } from '../../errors';
import { audit } from '../audit/audit.service';
import type { Viewer } from './viewer';
import { requireCadre } from '../cadres/cadre.service';
import { findGridWorker } from '../grids/grid.service';
import { requireRegion } from '../regions/region.service';
import { notFound } from '../../errors';
import { decoyPasswordHash, generateOneTimePassword, hashOneTimePassword, hashPassword, verifyPassword } from './password';
import type { TokenService } from './token';
import { User } from './user.entity';
import type { CreateUserInput } from './user.type';

const USERNAME = /^[a-zA-Z0-9._-]{3,64}$/;

/** One answer for a wrong password and an unknown user, taking as long either way. */
export async function login(em: EntityManager, tokens: TokenService, username: string, password: string) {
  const user = username.length <= 64 ? await em.findOne(User, { username }) : null;
  const ok = await verifyPassword(password.slice(0, 1024), user ? user.passwordHash : await decoyPasswordHash());
  if (!user || !ok) throw unauthenticated('Wrong username or password.');
  // Told only to whoever knows the password: the account exists but may not sign in.
  if (!user.active) throw forbidden('This account has been deactivated: ask an administrator.');
  return { token: await tokens.sign({ sub: user.id, role: user.role }), user };
}

export function requireUsername(username: string): string {
  if (!USERNAME.test(username)) throw badInput('username is 3 to 64 letters, digits, dots, dashes or underscores.', 'username');
  return username;
}

function requireNewPassword(password: string, field: string): string {
  if (password.length < 8 || password.length > 1024) throw badInput(`${field} must be 8 to 1024 characters long.`, field);
  return password;
}

/** ADMIN: accounts by username; `search` matches a part of the username or display name (case-insensitive). */
export async function listUsers(em: EntityManager, search: string | null, first: number): Promise<User[]> {
  const size = requirePageSize(first, 500);
  const text = optionalText(search, 'search', 100);
  // LIKE's own wildcards in the search are matched literally.
  const pattern = text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = pattern ? { $or: [{ username: { $ilike: pattern } }, { displayName: { $ilike: pattern } }] } : {};
  return em.find(User, where, { orderBy: { username: 'asc' }, limit: size });
}

export async function createUser(em: EntityManager, input: CreateUserInput, actor?: Viewer | null): Promise<User> {
  requireUsername(input.username);
  requireNewPassword(input.password, 'password');
  const displayName = requireText(input.displayName, 'displayName', 100);
  const user = em.create(User, {
    username: input.username,
    displayName,
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
  if (input.role === Role.CADRE) {
    if (!input.cadreId) throw badInput('A CADRE user must be linked to a cadre: give cadreId.', 'cadreId');
    user.cadre = await requireCadre(em, input.cadreId);
  } else if (input.cadreId) {
    throw badInput('Only a CADRE user is linked to a cadre.', 'cadreId');
  }
  if (input.role === Role.GRID_WORKER) {
    if (!input.gridWorkerId) throw badInput('A GRID_WORKER user must be linked to a grid worker: give gridWorkerId.', 'gridWorkerId');
    const worker = await findGridWorker(em, input.gridWorkerId);
    if (!worker) throw notFound('Grid worker (gridWorkerId)', input.gridWorkerId);
    user.gridWorker = worker;
  } else if (input.gridWorkerId) {
    throw badInput('Only a GRID_WORKER user is linked to a grid worker.', 'gridWorkerId');
  }
  if (input.scopeRegionId) {
    if (input.role !== Role.CADRE) throw badInput('Only a CADRE user has a scope region.', 'scopeRegionId');
    user.scopeRegion = await requireRegion(em, input.scopeRegionId, 'scopeRegionId');
  }
  em.persist(user);
  if (actor) audit(em, actor, { action: 'createUser', target: `User:${user.id}`, summary: `Created ${input.role} account ${input.username}` });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw badInput(`The username "${input.username}" is taken.`, 'username');
    }
    throw error;
  }
  return user;
}

async function requireUser(em: EntityManager, id: string): Promise<User> {
  const user = isUuid(id) ? await em.findOne(User, { id }) : null;
  if (!user) throw notFound('User (id)', id);
  return user;
}

/** ADMIN: (de)activates an account. Its tokens stop working at once: every request loads the viewer only while `active`. */
export async function setUserActive(em: EntityManager, actor: Viewer | null, id: string, active: boolean): Promise<User> {
  const user = await requireUser(em, id);
  if (!active && actor?.userId === user.id) throw badInput('You cannot deactivate your own account.', 'id');
  if (user.active !== active) {
    user.active = active;
    audit(em, actor, { action: active ? 'reactivateUser' : 'deactivateUser', target: `User:${user.id}`, summary: `${active ? 'Reactivated' : 'Deactivated'} account ${user.username}` });
    await em.flush();
  }
  return user;
}

/** ADMIN: a new one-time password (answered once, never stored in clear or logged); the user must change it first. */
export async function resetPassword(em: EntityManager, actor: Viewer | null, id: string): Promise<{ username: string; password: string }> {
  const user = await requireUser(em, id);
  const password = generateOneTimePassword();
  user.passwordHash = await hashOneTimePassword(password);
  user.mustChangePassword = true;
  audit(em, actor, { action: 'resetPassword', target: `User:${user.id}`, summary: `Issued a one-time password for ${user.username}` });
  await em.flush();
  return { username: user.username, password };
}

/** The signed-in user replaces its password (a one-time one must be replaced before anything else). */
export async function changePassword(em: EntityManager, viewer: Viewer | null, currentPassword: string, newPassword: string): Promise<boolean> {
  if (!viewer) throw unauthenticated();
  const user = await requireUser(em, viewer.userId);
  if (!(await verifyPassword(currentPassword.slice(0, 1024), user.passwordHash))) {
    throw badInput('currentPassword is not this account\'s password.', 'currentPassword');
  }
  requireNewPassword(newPassword, 'newPassword');
  if (newPassword === currentPassword) throw badInput('Choose a new password different from the current one.', 'newPassword');
  user.passwordHash = await hashPassword(newPassword);
  user.mustChangePassword = false;
  audit(em, viewer, { action: 'changePassword', target: `User:${user.id}`, summary: `${user.username} changed its password` });
  await em.flush();
  return true;
}
