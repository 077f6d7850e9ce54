/**
 * Migrations in the order they run. Add new ones at the end; never edit one that has shipped.
 *
 * Each loads only when the migrator runs (a migration brings @mikro-orm/migrations and umzug,
 * ~200 modules): a start with nothing pending needs just the names.
 */
import type { MigrationObject } from '@mikro-orm/core';

const migrations: Record<string, () => MigrationObject['class']> = {
  Migration20261128000000Initial: () =>
    (require('./Migration20261128000000Initial') as typeof import('./Migration20261128000000Initial')).Migration20261128000000Initial,
  Migration20261128160000StatsRollup: () =>
    (require('./Migration20261128160000StatsRollup') as typeof import('./Migration20261128160000StatsRollup')).Migration20261128160000StatsRollup,
  Migration20261128200000OverdueRollup: () =>
    (require('./Migration20261128200000OverdueRollup') as typeof import('./Migration20261128200000OverdueRollup')).Migration20261128200000OverdueRollup,
  Migration20261207200000Outbox: () =>
    (require('./Migration20261207200000Outbox') as typeof import('./Migration20261207200000Outbox')).Migration20261207200000Outbox,
  Migration20261207300000SimplifiedCategoryNames: () =>
    (require('./Migration20261207300000SimplifiedCategoryNames') as typeof import('./Migration20261207300000SimplifiedCategoryNames'))
      .Migration20261207300000SimplifiedCategoryNames,
  Migration20261207400000GridDescription: () =>
    (require('./Migration20261207400000GridDescription') as typeof import('./Migration20261207400000GridDescription')).Migration20261207400000GridDescription,
  // Named by the time the issue was planned; run after the ones above, which shipped first.
  Migration20261207100000AuditLog: () =>
    (require('./Migration20261207100000AuditLog') as typeof import('./Migration20261207100000AuditLog')).Migration20261207100000AuditLog,
  Migration20261207100001IdempotencyHash: () =>
    (require('./Migration20261207100001IdempotencyHash') as typeof import('./Migration20261207100001IdempotencyHash')).Migration20261207100001IdempotencyHash,
  Migration20261207500000Dispatch: () =>
    (require('./Migration20261207500000Dispatch') as typeof import('./Migration20261207500000Dispatch')).Migration20261207500000Dispatch,
  Migration20261207500001WorkTime: () =>
    (require('./Migration20261207500001WorkTime') as typeof import('./Migration20261207500001WorkTime')).Migration20261207500001WorkTime,
  Migration20261207500002Performance: () =>
    (require('./Migration20261207500002Performance') as typeof import('./Migration20261207500002Performance')).Migration20261207500002Performance,
  Migration20261207600000Photos: () =>
    (require('./Migration20261207600000Photos') as typeof import('./Migration20261207600000Photos')).Migration20261207600000Photos,
  Migration20261207700000Onboarding: () =>
    (require('./Migration20261207700000Onboarding') as typeof import('./Migration20261207700000Onboarding')).Migration20261207700000Onboarding,
  Migration20261207600000OfflineMoves: () =>
    (require('./Migration20261207600000OfflineMoves') as typeof import('./Migration20261207600000OfflineMoves')).Migration20261207600000OfflineMoves,
  Migration20261208000000PerformanceRollup: () =>
    (require('./Migration20261208000000PerformanceRollup') as typeof import('./Migration20261208000000PerformanceRollup')).Migration20261208000000PerformanceRollup,
  Migration20261208100000PerformanceRollupLayout: () =>
    (require('./Migration20261208100000PerformanceRollupLayout') as typeof import('./Migration20261208100000PerformanceRollupLayout'))
      .Migration20261208100000PerformanceRollupLayout,
  Migration20261208200000OutboundClaims: () =>
    (require('./Migration20261208200000OutboundClaims') as typeof import('./Migration20261208200000OutboundClaims')).Migration20261208200000OutboundClaims,
  Migration20261208300000PerformanceJsonText: () =>
    (require('./Migration20261208300000PerformanceJsonText') as typeof import('./Migration20261208300000PerformanceJsonText'))
      .Migration20261208300000PerformanceJsonText,
};

/** Every migration's name, as the migrator records it in `mikro_orm_migrations`. */
export const migrationNames: readonly string[] = Object.keys(migrations);

/** The migrations for MikroORM's migrator (loads them). */
export function loadMigrationsList(): MigrationObject[] {
  return migrationNames.map((name) => ({ name, class: migrations[name]!() }));
}
