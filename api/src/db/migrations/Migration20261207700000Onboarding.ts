import { Migration } from '@mikro-orm/migrations';

/**
 * Onboarding and administration (issue 18): division codes on regions (unique
 * when set, the key of the regions import), accounts that can be deactivated
 * or must change a one-time password first, and the phone of cadres and grid
 * workers (the key of the people import; checked as a mainland mobile).
 */
export class Migration20261207700000Onboarding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "region" add column "code" text null`);
    this.addSql(`alter table "region" add constraint "region_code_unique" unique ("code")`);
    this.addSql(`alter table "app_user" add column "active" boolean not null default true`);
    this.addSql(`alter table "app_user" add column "must_change_password" boolean not null default false`);
    this.addSql(`alter table "cadre" add column "phone" text null`);
    this.addSql(`create index "cadre_phone_idx" on "cadre" ("phone")`);
    this.addSql(`alter table "grid_worker" add column "phone" text null`);
    this.addSql(`create index "grid_worker_phone_idx" on "grid_worker" ("phone")`);
  }
}
