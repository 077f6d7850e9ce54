import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A day that differs from the default week (Monday–Friday working): a holiday, or a make-up working day (调休). */
@Entity({ tableName: 'work_calendar_day' })
export class WorkCalendarDay {
  /** YYYY-MM-DD in the deployment's time zone. */
  @PrimaryKey({ type: 'date' })
  date: string;

  @Property({ type: 'boolean' })
  workday: boolean;

  @Property({ type: 'text', nullable: true })
  name?: string | null;
}
