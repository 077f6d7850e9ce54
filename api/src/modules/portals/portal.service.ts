/** Portal keys: issued once, stored as a hash, checked against the browser's Origin. */
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from '../audit/audit.service';
import type { Viewer } from '../auth/viewer';
import { requireText } from '../../domain/validate';
import { badInput } from '../../errors';
import { PortalKey } from './portal-key.entity';

const KEY_PREFIX = 'lmk_';

export function hashPortalKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** "https://portal.example.gov.cn" — scheme, host and port only, as browsers send it. */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(`"${value.slice(0, 100)}" is not an origin such as https://portal.example.gov.cn.`, 'allowedOrigins');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badInput(`An origin is http:// or https://, not ${url.protocol}`, 'allowedOrigins');
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw badInput(`"${value.slice(0, 100)}" is not an origin: leave out any path, query or credentials.`, 'allowedOrigins');
  }
  return url.origin;
}

export async function createPortalKey(em: EntityManager, name: string, allowedOrigins: string[], actor?: Viewer | null) {
  const cleanName = requireText(name, 'name', 100);
  if (allowedOrigins.length > 50) throw badInput('At most 50 allowed origins per key.', 'allowedOrigins');
  const origins = [...new Set(allowedOrigins.map(normaliseOrigin))];
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const portal = em.create(PortalKey, { name: cleanName, keyHash: hashPortalKey(key), allowedOrigins: origins });
  em.persist(portal);
  // Names the portal and its origins, never the key.
  if (actor) audit(em, actor, { action: 'createPortalKey', target: `PortalKey:${portal.id}`, summary: `Created portal key ${cleanName} for ${origins.join(' ')}` });
  await em.flush();
  return { id: portal.id, name: portal.name, key, allowedOrigins: portal.allowedOrigins };
}

/** The portal a key belongs to, or null for a key nobody issued. */
export async function findPortalByKey(em: EntityManager, key: string): Promise<PortalKey | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  return em.findOne(PortalKey, { keyHash: hashPortalKey(key) });
}

/** Every origin some portal key allows (for CORS). */
export async function listPortalOrigins(em: EntityManager): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ origin: string }[]>('select distinct jsonb_array_elements_text(allowed_origins) as origin from portal_key');
  return rows.map((r) => r.origin);
}
