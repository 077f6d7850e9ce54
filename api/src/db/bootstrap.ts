/** First-start data: the category catalogue, the admin account, and (optionally) the demo city. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_ADMIN_PASSWORD, type Config } from '../config';
import { Role } from '../domain/enums';
import { hashPassword } from '../modules/auth/password';
import { User } from '../modules/auth/user.entity';
import { ensureCategories } from '../modules/categories/category.service';
import { Region } from '../modules/regions/region.entity';
import type { Logger } from '../server/logger';
import { DEMO_PASSWORD, seedDemoCity } from './seeders/demo-city';
import { seedDemoIssues } from './seeders/demo-issues';

export async function bootstrap(em: EntityManager, config: Config, embedded: boolean, logger: Logger): Promise<void> {
  // What to create is decided first, so the password hashing (scrypt, ~70 ms each) runs on
  // libuv's threads while the catalogue is written, rather than one after the other.
  const adminPassword = await missingAdminPassword(em, config, embedded, logger);
  const seedingDemo = config.seedDemo && (await em.count(Region, {})) === 0;
  const adminHash = adminPassword === undefined ? undefined : hashPassword(adminPassword);
  const demoHash = seedingDemo ? hashPassword(DEMO_PASSWORD) : undefined;
  await ensureCategories(em);
  if (adminHash) {
    em.create(User, { username: config.adminUsername, displayName: 'Administrator', role: Role.ADMIN, passwordHash: await adminHash });
    await em.flush();
  }
  if (demoHash) {
    const demo = await seedDemoCity(em, demoHash);
    await seedDemoIssues(em, demo);
    logger.info('seeded the demo city');
  }
}

/** The password for the admin account if there is none yet and one can be made; else undefined. */
async function missingAdminPassword(em: EntityManager, config: Config, embedded: boolean, logger: Logger): Promise<string | undefined> {
  if (await em.count(User, { username: config.adminUsername })) return undefined;
  const password = config.adminPassword ?? (embedded ? DEMO_ADMIN_PASSWORD : undefined);
  if (!password) logger.warn(`no admin account "${config.adminUsername}": set ADMIN_PASSWORD to create one`);
  return password;
}
