import { Migration } from '@mikro-orm/migrations';

/**
 * Each cadre's name and unit kept as JSON string text in ASCII, every other
 * character written as a \u escape (two for one above U+FFFF), for the 考核
 * answer PostgreSQL writes as JSON (performance.service.ts). A city's 12,000
 * rows in Chinese made the API hold the 4 MB answer as two-byte strings (V8
 * keeps a string with any non-Latin-1 character in two bytes a character):
 * twice the memory to decode, join and encode. In ASCII they stay one byte a
 * character, and a client reads the same strings.
 *
 * Generated columns: PostgreSQL keeps them with every write of the name or
 * unit, however the row is written (the API, an import, SQL).
 */
export class Migration20261208300000PerformanceJsonText extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function lastmeter_json_ascii(value text) returns text
      language sql immutable strict parallel safe as $$
        select '"' || coalesce(string_agg(case
            when c = '"' then '\\"'
            when c = '\\' then '\\\\'
            when ascii(c) between 32 and 126 then c
            when ascii(c) < 65536 then '\\u' || lpad(to_hex(ascii(c)), 4, '0')
            else '\\u' || to_hex(55232 + (ascii(c) >> 10)) || '\\u' || to_hex(56320 + (ascii(c) & 1023))
          end, '' order by n), '') || '"'
        from regexp_split_to_table(value, '') with ordinality as chars(c, n)
        where c <> ''
      $$`);
    this.addSql(`alter table "cadre" add column "name_json" text generated always as (lastmeter_json_ascii(name)) stored,
      add column "unit_json" text generated always as (lastmeter_json_ascii(unit)) stored`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cadre" drop column "name_json", drop column "unit_json"`);
    this.addSql(`drop function lastmeter_json_ascii(text)`);
  }
}
