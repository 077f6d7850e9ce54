/** First-start data: the category catalogue, the admin account, and (optionally) the demo city. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_ADMIN_PASSWORD, type Config } from '../config';
import { Role } from '../domain/enums';
import { hashPassword } from '../modules/auth/password';
import { User } from '../modules/auth/user.entity';
import { ensureCategories } from '../modules/categories/category.service';
import { Region } from '../modules/regions/region.entity';
import type { Logger } from '../server/logger';
import { seedDemoCity } from './seeders/demo-city';
import { seedDemoIssues } from './seeders/demo-issues';

export async function bootstrap(em: EntityManager, config: Config, embedded: boolean, logger: Logger): Promise<void> {
  await ensureCategories(em);
  await ensureAdmin(em, config, embedded, logger);
  if (config.seedDemo && (await em.count(Region, {})) === 0) {
    const demo = await seedDemoCity(em);
    await seedDemoIssues(em, demo);
    logger.info('seeded the demo city');
  }
}

async function ensureAdmin(em: EntityManager, config: Config, embedded: boolean, logger: Logger): Promise<void> {
  if (await em.count(User, { username: config.adminUsername })) return;
  const password = config.adminPassword ?? (embedded ? DEMO_ADMIN_PASSWORD : undefined);
  if (!password) {
    logger.warn(`no admin account "${config.adminUsername}": set ADMIN_PASSWORD to create one`);
    return;
  }
  em.create(User, {
    username: config.adminUsername,
    displayName: 'Administrator',
    role: Role.ADMIN,
    passwordHash: await hashPassword(password),
  });
  await em.flush();
}
