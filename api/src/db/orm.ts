/**
 * Opens the database — embedded PGlite in DATA_DIR, or a real PostgreSQL at
 * DATABASE_URL — with the same entities and the same migrations, and applies
 * pending migrations under an advisory lock so replicas starting together
 * never run them twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { lockDataDir } from './data-dir-lock';
import { makePGliteDurable, syncNewCluster } from './durable-nodefs';
import { entities } from './entities';
import { migrationsList } from './migrations';

/** A new PostgreSQL connection that is not up within this time fails (the server is away). */
export const CONNECT_TIMEOUT_MS = 2_500;
/** A request waiting longer than this for a pooled connection fails instead of hanging. */
export const ACQUIRE_TIMEOUT_MS = 4_000;

/** Any 64-bit number unique to this application: the migrations' advisory lock. */
const MIGRATION_LOCK_KEY = 7_345_001;

export type Orm = MikroORM;
type PGlite = import('@electric-sql/pglite', { with: { 'resolution-mode': 'import' } }).PGlite;

export interface Database {
  orm: Orm;
  kind: 'embedded' | 'postgres';
  /** The embedded engine, when there is one. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
  debug?: boolean;
  /** Called with every SQL statement the ORM sends (tests count them). */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /** Where the driver's own warnings go (e.g. a pooled connection lost while the server restarts). */
  logger?: { warn(fields: object, message: string): void; debug(fields: object, message: string): void };
}

function baseOptions(opts: OpenDatabaseOptions): Partial<Options> {
  return {
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    debug: opts.onQuery ? ['query'] : false,
    logger: opts.onQuery ? (message: string) => opts.onQuery!(message) : () => undefined,
  };
}

async function openEmbedded(opts: OpenDatabaseOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDriver } = (await import('mikro-orm-pglite')) as { PGliteDriver: unknown };
  let pglite: PGlite;
  let lock: { release(): void } | undefined;
  let fresh = false;
  if (opts.inMemory) {
    pglite = new PGlite();
  } else {
    const dir = path.join(opts.dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
    // One process per data directory.
    lock = lockDataDir(opts.dataDir);
    fresh = fs.readdirSync(dir).length === 0;
    pglite = new PGlite(dir);
  }
  try {
    await pglite.waitReady;
    if (!opts.inMemory) {
      // Every commit on disk before it is acknowledged (durable-nodefs.ts); a new cluster synced once.
      makePGliteDurable(pglite);
      if (fresh) await syncNewCluster(pglite, path.join(opts.dataDir, 'pgdata'));
    }
  } catch (error) {
    lock?.release();
    throw error;
  }
  const orm = await MikroORM.init({
    ...baseOptions(opts),
    driver: PGliteDriver as never,
    dbName: 'postgres',
    driverOptions: { connection: { pglite: () => pglite } },
  } as Options);
  return {
    orm,
    kind: 'embedded',
    pglite,
    async close() {
      try {
        await orm.close(true);
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(opts: OpenDatabaseOptions & { databaseUrl: string }): Promise<Database> {
  const orm = await MikroORM.init({
    ...baseOptions(opts),
    driver: PostgreSqlDriver,
    clientUrl: opts.databaseUrl,
    // Fail fast when the server is away (database-outage.ts): a connection attempt gives up after
    // CONNECT_TIMEOUT_MS, waiting for a pooled connection after ACQUIRE_TIMEOUT_MS; both well under 5 s.
    pool: { min: 0, max: opts.poolMax ?? 10, acquireTimeoutMillis: ACQUIRE_TIMEOUT_MS, idleTimeoutMillis: 30_000 },
    driverOptions: {
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
      // knex prints to the console by default; keep the JSON log clean (its texts carry no SQL values).
      log: {
        warn: (message: unknown) => opts.logger?.warn({ driver: String(message).slice(0, 200) }, 'database driver warning'),
        error: (message: unknown) => opts.logger?.warn({ driver: String(message).slice(0, 200) }, 'database driver error'),
        deprecate: () => undefined,
        debug: (message: unknown) => opts.logger?.debug({ driver: String(message).slice(0, 200) }, 'database driver'),
      },
      connection: { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, statement_timeout: 15000 },
    },
  } as Options);
  return {
    orm,
    kind: 'postgres',
    async close() {
      await orm.close(true);
    },
  };
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const db = opts.databaseUrl ? await openPostgres({ ...opts, databaseUrl: opts.databaseUrl }) : await openEmbedded(opts);
  try {
    await migrate(db.orm, db.kind === 'postgres');
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Applies pending migrations. On a shared server it holds a session-level
 * advisory lock meanwhile; the embedded database belongs to this process alone.
 */
export async function migrate(orm: Orm, lock: boolean): Promise<void> {
  if (!lock) {
    await orm.getMigrator().up();
    return;
  }
  const knex = (orm.em as unknown as { getKnex(): import('@mikro-orm/postgresql').Knex }).getKnex();
  // Pin one pooled connection for the lock: advisory locks belong to a session.
  const conn = await knex.client.acquireConnection();
  try {
    await knex.raw('select pg_advisory_lock(?)', [MIGRATION_LOCK_KEY]).connection(conn);
    try {
      await orm.getMigrator().up();
    } finally {
      await knex.raw('select pg_advisory_unlock(?)', [MIGRATION_LOCK_KEY]).connection(conn);
    }
  } finally {
    await knex.client.releaseConnection(conn);
  }
}
