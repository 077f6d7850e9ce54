import { Migration } from '@mikro-orm/migrations';

/**
 * Evidence photos (issue 16): uploads (`photo`, one per uploader and content hash), their
 * attachments to issues (`issue_photo`, with the stage and whether the public tracker shows it),
 * a category's `requires_after_photo`, and the PHOTOS_ADDED / PHOTO_VISIBILITY_CHANGED event types.
 */
export class Migration20261207600000Photos extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "photo" (
      "id" uuid not null primary key,
      "uploader_scope" text not null,
      "content_hash" text not null,
      "format" text check ("format" in ('jpeg', 'webp')) not null,
      "width" int not null, "height" int not null, "bytes" int not null,
      "thumb_width" int not null, "thumb_height" int not null,
      "created_at" timestamptz not null)`);
    this.addSql(`create unique index "photo_uploader_content_idx" on "photo" ("uploader_scope", "content_hash")`);
    this.addSql(`create index "photo_content_idx" on "photo" ("content_hash")`);
    this.addSql(`create index "photo_created_idx" on "photo" ("created_at")`);
    this.addSql(`create table "issue_photo" (
      "id" uuid not null primary key,
      "issue_id" uuid not null,
      "photo_id" uuid not null,
      "stage" text check ("stage" in ('REPORT', 'BEFORE', 'AFTER')) not null,
      "public" boolean not null,
      "added_by" text null,
      "added_at" timestamptz not null)`);
    this.addSql(`alter table "issue_photo" add constraint "issue_photo_issue_id_foreign" foreign key ("issue_id") references "issue" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "issue_photo" add constraint "issue_photo_photo_id_foreign" foreign key ("photo_id") references "photo" ("id") on update cascade on delete restrict`);
    this.addSql(`create unique index "issue_photo_issue_photo_idx" on "issue_photo" ("issue_id", "photo_id", "stage")`);
    this.addSql(`create index "issue_photo_photo_idx" on "issue_photo" ("photo_id")`);
    this.addSql(`alter table "category" add column "requires_after_photo" boolean not null default false`);
    // Adds the new event types to whatever list the check holds now, so this migration and others
    // that add event types (dispatch operations) keep each other's values whatever order they run in.
    this.addSql(`do $$
      declare definition text;
      begin
        select pg_get_constraintdef(c.oid) into definition from pg_constraint c
          where c.conrelid = 'issue_event'::regclass and c.conname = 'issue_event_type_check';
        if definition is not null and position('PHOTOS_ADDED' in definition) = 0 then
          execute 'alter table issue_event drop constraint issue_event_type_check';
          execute 'alter table issue_event add constraint issue_event_type_check '
            || replace(definition, '])', ', ''PHOTOS_ADDED''::text, ''PHOTO_VISIBILITY_CHANGED''::text])');
        end if;
      end $$`);
  }
}
