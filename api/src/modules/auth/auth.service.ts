/** Staff accounts: sign-in and creation. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Role } from '../../domain/enums';
import { requireText } from '../../domain/validate';
import { badInput, unauthenticated } from '../../errors';
import { requireCadre } from '../cadres/cadre.service';
import { findGridWorker } from '../grids/grid.service';
import { requireRegion } from '../regions/region.service';
import { notFound } from '../../errors';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password';
import type { TokenService } from './token';
import { User } from './user.entity';
import type { CreateUserInput } from './user.type';

const USERNAME = /^[a-zA-Z0-9._-]{3,64}$/;

/** One answer for a wrong password and an unknown user, taking as long either way. */
export async function login(em: EntityManager, tokens: TokenService, username: string, password: string) {
  const user = username.length <= 64 ? await em.findOne(User, { username }) : null;
  const ok = await verifyPassword(password.slice(0, 1024), user ? user.passwordHash : await decoyPasswordHash());
  if (!user || !ok) throw unauthenticated('Wrong username or password.');
  return { token: await tokens.sign({ sub: user.id, role: user.role }), user };
}

export async function createUser(em: EntityManager, input: CreateUserInput): Promise<User> {
  if (!USERNAME.test(input.username)) {
    throw badInput('username is 3 to 64 letters, digits, dots, dashes or underscores.', 'username');
  }
  if (input.password.length < 8 || input.password.length > 1024) {
    throw badInput('password must be 8 to 1024 characters long.', 'password');
  }
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
  try {
    await em.persistAndFlush(user);
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw badInput(`The username "${input.username}" is taken.`, 'username');
    }
    throw error;
  }
  return user;
}
