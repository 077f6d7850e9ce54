/**
 * Probes for orchestrators and load balancers.
 *
 * - `GET /healthz`: the process is alive and answering (never touches the database).
 * - `GET /readyz`: send traffic here — the database answers within
 *   {@link READY_TIMEOUT_MS} and every migration this build knows is applied;
 *   503 otherwise, and 503 while the server shuts down.
 */
import { Router } from 'express';
import { pendingMigrations, type Database } from '../db/orm';
import type { Logger } from './logger';

/** A probe must answer quickly even when the database hangs. */
export const READY_TIMEOUT_MS = 2_000;

export interface HealthDependencies {
  db: Database;
  logger: Logger;
  /** True once shutdown began: stop sending traffic here. */
  isShuttingDown: () => boolean;
  timeoutMs?: number;
}

export interface ReadinessReport {
  ready: boolean;
  database: 'reachable' | 'unreachable';
  migrations: 'applied' | 'pending' | 'unknown';
  shuttingDown?: boolean;
}

/** The probe routes; mount before anything that could refuse or slow them. */
export function healthRoutes(deps: HealthDependencies): Router {
  const router = Router();
  const check = readinessCheck(deps);
  router.get('/healthz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await check();
    res.setHeader('cache-control', 'no-store');
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'unavailable', kind: deps.db.kind, ...report });
  });
  return router;
}

/** Builds the readiness check; migrations, once seen applied, stay applied for this build. */
export function readinessCheck(deps: HealthDependencies): () => Promise<ReadinessReport> {
  const timeoutMs = deps.timeoutMs ?? READY_TIMEOUT_MS;
  let migrationsApplied = false;
  let lastFailureLogged = 0;
  return async () => {
    if (deps.isShuttingDown()) return { ready: false, database: 'unreachable', migrations: 'unknown', shuttingDown: true };
    try {
      await withTimeout(deps.db.orm.em.fork().getConnection().execute('select 1'), timeoutMs);
    } catch (error) {
      const now = Date.now();
      if (now - lastFailureLogged > 30_000) {
        lastFailureLogged = now;
        deps.logger.warn({ err: error }, 'readiness: the database is unreachable');
      }
      return { ready: false, database: 'unreachable', migrations: 'unknown' };
    }
    if (!migrationsApplied) {
      try {
        const pending = await withTimeout(pendingMigrations(deps.db.orm), timeoutMs);
        migrationsApplied = pending.length === 0;
      } catch {
        return { ready: false, database: 'reachable', migrations: 'unknown' };
      }
    }
    return { ready: migrationsApplied, database: 'reachable', migrations: migrationsApplied ? 'applied' : 'pending' };
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  // The abandoned query may still fail later: nobody waits for it, so swallow that.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
