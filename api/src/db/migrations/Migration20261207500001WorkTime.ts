import { Migration } from '@mikro-orm/migrations';

/**
 * Time limits in working time (issue 14): each category's response and resolve
 * limits as an amount and a unit (HOURS, WORKING_HOURS, WORKING_DAYS), the work
 * calendar's exceptions (holidays, make-up working days), and the deadline
 * arithmetic as SQL functions, so the intake keeps its one round trip and both
 * databases compute the same deadlines.
 */
export class Migration20261207500001WorkTime extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "category"
      add column "response_limit_amount" int not null default 24,
      add column "response_limit_unit" text check ("response_limit_unit" in ('HOURS', 'WORKING_HOURS', 'WORKING_DAYS')) not null default 'HOURS',
      add column "resolve_limit_amount" int not null default 72,
      add column "resolve_limit_unit" text check ("resolve_limit_unit" in ('HOURS', 'WORKING_HOURS', 'WORKING_DAYS')) not null default 'HOURS'`);
    // Existing categories keep their hours; the catalogue's own get its working-time limits.
    this.addSql(`update "category" set "response_limit_amount" = "response_hours", "resolve_limit_amount" = "resolve_hours"`);
    this.addSql(`update "category" c set "response_limit_amount" = v.ra, "response_limit_unit" = v.ru, "resolve_limit_amount" = v.sa,
        "resolve_limit_unit" = v.su, "response_hours" = v.rh, "resolve_hours" = v.sh
      from (values
        ('PROPERTY_SERVICE', 8, 'WORKING_HOURS', 5, 'WORKING_DAYS', 8, 120),
        ('DOG_KEEPING', 8, 'WORKING_HOURS', 3, 'WORKING_DAYS', 8, 72),
        ('ILLEGAL_FLYERS', 8, 'WORKING_HOURS', 2, 'WORKING_DAYS', 8, 48),
        ('DISORDERLY_PARKING', 4, 'WORKING_HOURS', 2, 'WORKING_DAYS', 4, 48),
        ('STREET_VENDING', 4, 'WORKING_HOURS', 2, 'WORKING_DAYS', 4, 48),
        ('GARBAGE', 4, 'WORKING_HOURS', 1, 'WORKING_DAYS', 4, 24),
        ('RURAL_ROAD', 1, 'WORKING_DAYS', 10, 'WORKING_DAYS', 24, 240),
        ('UTILITIES', 4, 'HOURS', 24, 'HOURS', 4, 24),
        ('EMPLOYMENT', 2, 'WORKING_DAYS', 10, 'WORKING_DAYS', 48, 240),
        ('MEDICAL_CARE', 12, 'HOURS', 72, 'HOURS', 12, 72),
        ('FAMILY_HARDSHIP', 1, 'WORKING_DAYS', 7, 'WORKING_DAYS', 24, 168),
        ('BENEFITS', 2, 'WORKING_DAYS', 10, 'WORKING_DAYS', 48, 240),
        ('ILLEGAL_CONSTRUCTION', 1, 'WORKING_DAYS', 15, 'WORKING_DAYS', 24, 360),
        ('PUBLIC_FACILITY', 4, 'HOURS', 48, 'HOURS', 4, 48),
        ('DISPUTE', 8, 'WORKING_HOURS', 7, 'WORKING_DAYS', 8, 168),
        ('OTHER', 2, 'WORKING_DAYS', 10, 'WORKING_DAYS', 48, 240)
      ) as v(code, ra, ru, sa, su, rh, sh) where c.code = v.code`);
    this.addSql(`alter table "category" alter column "response_limit_amount" drop default, alter column "response_limit_unit" drop default,
      alter column "resolve_limit_amount" drop default, alter column "resolve_limit_unit" drop default`);
    // A category inserted with hours only (older tools, SQL by hand) gets limits of those hours.
    this.addSql(`create function lastmeter_category_limits() returns trigger language plpgsql as $$
    begin
      new.response_limit_amount := coalesce(new.response_limit_amount, new.response_hours);
      new.response_limit_unit := coalesce(new.response_limit_unit, 'HOURS');
      new.resolve_limit_amount := coalesce(new.resolve_limit_amount, new.resolve_hours);
      new.resolve_limit_unit := coalesce(new.resolve_limit_unit, 'HOURS');
      return new;
    end $$`);
    this.addSql(`create trigger category_limits_from_hours before insert on category for each row execute function lastmeter_category_limits()`);

    this.addSql(`create table "work_calendar_day" ("date" date not null, "workday" boolean not null, "name" text null,
      constraint "work_calendar_day_pkey" primary key ("date"))`);

    // Monday–Friday work unless the calendar says otherwise.
    this.addSql(`create function lastmeter_is_workday(d date) returns boolean language sql stable as $$
      select coalesce((select c.workday from work_calendar_day c where c.date = d), extract(isodow from d) < 6)
    $$`);

    // The deadline \`amount\` \`unit\` after \`start\`, in time zone \`tz\` with working hours \`hours\`
    // ('09:00-12:00,13:30-17:30'). WORKING_HOURS: only time inside working hours of working days counts.
    // WORKING_DAYS: the close of the amount-th working day after the day of \`start\`.
    this.addSql(`create function lastmeter_deadline(start timestamptz, amount int, unit text, tz text, hours text)
      returns timestamptz language plpgsql stable as $$
    declare
      spans text[] := string_to_array(hours, ',');
      span text;
      day date := (start at time zone tz)::date;
      remaining interval := amount * interval '1 hour';
      opens timestamptz;
      closes timestamptz;
      counted int := 0;
      guard int := 0;
    begin
      if unit = 'HOURS' then
        return start + remaining;
      end if;
      loop
        guard := guard + 1;
        if guard > 3700 then
          raise exception 'no working time within ten years of %', start;
        end if;
        if unit = 'WORKING_HOURS' then
          if lastmeter_is_workday(day) then
            foreach span in array spans loop
              opens := (day + split_part(span, '-', 1)::time) at time zone tz;
              closes := (day + split_part(span, '-', 2)::time) at time zone tz;
              if closes > start then
                opens := greatest(opens, start);
                if closes - opens >= remaining then
                  return opens + remaining;
                end if;
                remaining := remaining - (closes - opens);
              end if;
            end loop;
          end if;
        else
          if day > (start at time zone tz)::date and lastmeter_is_workday(day) then
            counted := counted + 1;
            if counted >= amount then
              return (day + split_part(spans[array_length(spans, 1)], '-', 2)::time) at time zone tz;
            end if;
          end if;
        end if;
        day := day + 1;
      end loop;
    end $$`);
  }
}
