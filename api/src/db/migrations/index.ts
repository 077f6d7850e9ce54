/** Migrations in the order they run. Add new ones at the end; never edit one that has shipped. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128000000Initial } from './Migration20261128000000Initial';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261128000000Initial', class: Migration20261128000000Initial },
];
