/**
 * Opens the database — embedded PGlite in DATA_DIR (on its own thread:
 * embedded-engine.ts), or a real PostgreSQL at DATABASE_URL — with the same
 * entities and the same migrations, and applies pending migrations under an
 * advisory lock so replicas starting together never run them twice.
 */
import { MikroORM, type Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { keepDatabaseTemplate } from './cluster-template';
import { syncNewCluster } from './durable-nodefs';
import { openEmbeddedEngine, type EmbeddedEngine } from './embedded-engine';
import { entities } from './entities';
import { loadMigrationsList, migrationNames } from './migrations';
import type { PGliteThread } from './pglite-thread';
import { answerSingleStatementsAlike } from './pglite-statements';

/** A new PostgreSQL connection that is not up within this time fails (the server is away). */
export const CONNECT_TIMEOUT_MS = 2_500;
/** A request waiting longer than this for a pooled connection fails instead of hanging. */
export const ACQUIRE_TIMEOUT_MS = 4_000;

/** Any 64-bit number unique to this application: the migrations' advisory lock. */
const MIGRATION_LOCK_KEY = 7_345_001;

/** Typed as PostgreSQL's driver on both databases: the embedded one (mikro-orm-pglite) is an SQL driver on PostgreSQL's platform with the same EntityManager API, so `fork()` needs no cast. */
export type Orm = MikroORM<PostgreSqlDriver>;
type OrmOptions = Options<PostgreSqlDriver, Orm['em']>;

export interface Database {
  orm: Orm;
  kind: 'embedded' | 'postgres';
  /** The embedded engine (on its own thread), when there is one. */
  pglite?: PGliteThread;
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

/**
 * MikroORM's migrator, loaded on first use: it brings umzug and ~200 modules
 * that a restart with nothing pending never needs. Registered under the key
 * `orm.getMigrator()` looks up, so every caller gets this one, with our list.
 */
const LazyMigrator = {
  register(orm: MikroORM): void {
    orm.config.registerExtension('@mikro-orm/migrator', () => {
      const { Migrator } = require('@mikro-orm/migrations') as typeof import('@mikro-orm/migrations');
      orm.config.set('migrations', { ...orm.config.get('migrations'), migrationsList: loadMigrationsList() });
      return new Migrator(orm.em as never);
    });
  },
};

function baseOptions(opts: OpenDatabaseOptions): Partial<Options> {
  return {
    entities,
    extensions: [LazyMigrator],
    migrations: { transactional: true, allOrNothing: true, snapshot: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    debug: opts.onQuery ? ['query'] : false,
    logger: opts.onQuery ? (message: string) => opts.onQuery!(message) : () => undefined,
  };
}

async function openEmbedded(opts: OpenDatabaseOptions): Promise<Database> {
  const opening = openEmbeddedEngine({ dataDir: opts.dataDir, inMemory: opts.inMemory });
  const { PGliteDriver, PGliteKnexDialect } = (await import('mikro-orm-pglite')) as unknown as {
    PGliteDriver: unknown;
    PGliteKnexDialect: Parameters<typeof answerSingleStatementsAlike>[0];
  };
  answerSingleStatementsAlike(PGliteKnexDialect);
  let orm: Orm | undefined;
  let engine: EmbeddedEngine | undefined;
  try {
    // MikroORM discovers the entities while the engine opens; its first query waits for the engine.
    // The embedded driver is PostgreSQL's driver over PGlite: the same SQL, the same EntityManager.
    orm = await MikroORM.init<PostgreSqlDriver, Orm['em']>({
      ...baseOptions(opts),
      driver: PGliteDriver as never,
      dbName: 'postgres',
      driverOptions: { connection: { pglite: async () => (await opening).pglite } },
    } as OrmOptions);
    engine = await opening;
    const { fresh, fromTemplate } = engine.pglite.opened;
    await migrate(orm, false);
    if (fresh && !fromTemplate) await keepDatabaseTemplate(engine.pglite);
    if (fresh && !opts.inMemory) {
      // Made without syncing (nothing in it was acknowledged to anyone): now durable, and synced whole once.
      await engine.pglite.makeDurable();
      await syncNewCluster(engine.pglite, engine.dir);
    }
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    await (engine ?? (await opening.catch(() => undefined)))?.close().catch(() => undefined);
    throw error;
  }
  const opened = { orm, engine };
  return {
    orm,
    kind: 'embedded',
    pglite: engine.pglite,
    async close() {
      try {
        await opened.orm.close(true);
      } finally {
        await opened.engine.close();
      }
    },
  };
}

async function openPostgres(opts: OpenDatabaseOptions & { databaseUrl: string }): Promise<Database> {
  const orm = await MikroORM.init<PostgreSqlDriver, Orm['em']>({
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
  } as OrmOptions);
  try {
    await migrate(orm, true);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return {
    orm,
    kind: 'postgres',
    async close() {
      await orm.close(true);
    },
  };
}

/** Opens the database and applies pending migrations. */
export function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres({ ...opts, databaseUrl: opts.databaseUrl }) : openEmbedded(opts);
}

/**
 * Applies pending migrations. On a shared server it holds a session-level
 * advisory lock meanwhile; the embedded database belongs to this process alone.
 */
export async function migrate(orm: Orm, lock: boolean): Promise<void> {
  if (await allMigrationsApplied(orm)) return;
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

/** Whether every migration is recorded as applied: then a start needs neither the migrator nor the lock. */
async function allMigrationsApplied(orm: Orm): Promise<boolean> {
  return (await pendingMigrations(orm)).length === 0;
}

/**
 * The migrations this build has that the database has not recorded (what the
 * migrator would run), read with two queries rather than by loading it.
 */
export async function pendingMigrations(orm: Orm): Promise<string[]> {
  const connection = orm.em.getConnection();
  const [table] = (await connection.execute(`select to_regclass('public.mikro_orm_migrations') is not null as present`)) as { present: boolean }[];
  if (!table?.present) return [...migrationNames];
  const rows = (await connection.execute('select name from public.mikro_orm_migrations')) as { name: string }[];
  const applied = new Set(rows.map((row) => row.name));
  return migrationNames.filter((name) => !applied.has(name));
}
