import { Migration } from '@mikro-orm/migrations';

/** `Grid.description`: what a grid covers in words a resident knows, shown when picking a grid (issue 21). */
export class Migration20261207400000GridDescription extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "grid" add column "description" text null`);
  }
}
