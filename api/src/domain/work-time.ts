/**
 * Working time as configured: the time zone deadlines are counted in and the
 * working hours of a working day. The arithmetic itself is the database's
 * (lastmeter_deadline, migration WorkTime), so the intake stays one round trip.
 */
export interface WorkTime {
  /** IANA name, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Working periods of a day, e.g. 09:00-12:00,13:30-17:30, in order, not overlapping. */
  workingHours: string;
}

export const DEFAULT_WORK_TIME: WorkTime = { timeZone: 'Asia/Shanghai', workingHours: '09:00-12:00,13:30-17:30' };

const PERIOD = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** The problem with a WORKING_HOURS value, or null when it is usable. */
export function workingHoursProblem(value: string): string | null {
  const periods = value.split(',').map((p) => p.trim());
  let last = -1;
  for (const period of periods) {
    if (!PERIOD.test(period)) return `"${period}" is not HH:MM-HH:MM`;
    const [from, to] = period.split('-').map((t) => {
      const [h, m] = t.split(':').map(Number);
      return h * 60 + m;
    });
    if (to <= from) return `"${period}" ends before it starts`;
    if (from < last) return `"${period}" overlaps or comes before the period it follows`;
    last = to;
  }
  return null;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A moment as the people of `timeZone` read it, to the minute: 2026-12-14 17:30 (for notes staff and residents read). */
export function localMinute(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
