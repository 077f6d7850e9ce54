/** Migrations in the order they run. Add new ones at the end; never edit one that has shipped. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128000000Initial } from './Migration20261128000000Initial';
import { Migration20261128160000StatsRollup } from './Migration20261128160000StatsRollup';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261128000000Initial', class: Migration20261128000000Initial },
  { name: 'Migration20261128160000StatsRollup', class: Migration20261128160000StatsRollup },
];
