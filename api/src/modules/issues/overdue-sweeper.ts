/**
 * The overdue sweep: one OVERDUE event per missed deadline — the response
 * deadline while an issue is still SUBMITTED, the resolve deadline while it
 * is unresolved — exactly once, however many replicas sweep.
 *
 * "Exactly once" is the database's doing: the sweep flips the issue's
 * `*_overdue_raised` flag with `update … where not … returning`, in the same
 * transaction that appends the events. A second sweeper (or a transition
 * holding the row) waits for the row lock, re-checks the condition, and finds
 * nothing left to raise. A transaction-level advisory lock makes concurrent
 * sweeps skip each other rather than queue (and never deadlock on row order).
 *
 * OVERDUE changes no status (fromStatus = toStatus = the current status) and
 * no version, so nobody's expectedVersion goes stale because of the clock.
 *
 * DUE_SOON (催办, automatic) works the same way: once, when a share of the
 * resolve limit (DUE_SOON_SHARE, default 0.8) has passed — a share of the time
 * from the report to the resolve deadline (after approved extensions) — and the
 * deadline has not yet passed (then OVERDUE says more).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { IssueEventType, type IssueStatus } from '../../domain/enums';
import { systemClock, type Clock } from '../../domain/clock';
import type { Logger } from '../../server/logger';
import type { Orm } from '../../db/orm';
import { runSql, sql, timestamptz, type SQL } from '../../db/sql';
import type { EventNotifier } from '../realtime/event-notifier';
import { appendIssueEvents, type NewIssueEvent } from './event-append';
import { UNRESOLVED_STATUSES, statusList } from './issue-states';

/** Held for the duration of one sweep transaction (any number unique to this application). */
export const OVERDUE_SWEEP_LOCK = 7_345_003;
/** Issues flagged per transaction; a sweep loops until none are left. */
const BATCH = 500;

export const RESPONSE_OVERDUE_NOTE = '已超过受理时限';
export const RESOLVE_OVERDUE_NOTE = '已超过办结时限';
export const DUE_SOON_NOTE = '即将到达办结时限';
export const DEFAULT_DUE_SOON_SHARE = 0.8;

const UNRESOLVED = statusList(UNRESOLVED_STATUSES);

interface Deadline {
  /** The issue's column that says the event was raised (each is raised once). */
  flag: 'response_overdue_raised' | 'resolve_overdue_raised' | 'due_soon_raised';
  type: IssueEventType;
  /** Over the issue row, given now (timestamptz) and the due-soon share (float8). */
  condition: (now: SQL, share: SQL) => SQL;
  note: string;
}

const DEADLINES: Deadline[] = [
  {
    flag: 'response_overdue_raised',
    type: IssueEventType.OVERDUE,
    condition: (now) => sql.fragment`status = 'SUBMITTED' and response_due_at < ${now}`,
    note: RESPONSE_OVERDUE_NOTE,
  },
  {
    flag: 'resolve_overdue_raised',
    type: IssueEventType.OVERDUE,
    condition: (now) => sql.fragment`status in ${UNRESOLVED} and resolve_due_at < ${now}`,
    note: RESOLVE_OVERDUE_NOTE,
  },
  {
    flag: 'due_soon_raised',
    type: IssueEventType.DUE_SOON,
    condition: (now, share) => sql.fragment`status in ${UNRESOLVED} and resolve_due_at >= ${now} and created_at + (resolve_due_at - created_at) * ${share} <= ${now}`,
    note: DUE_SOON_NOTE,
  },
];

/** One batch in one transaction. Returns the events appended, or null when another sweep holds the lock. */
async function sweepBatch(em: EntityManager, now: Date, share: number): Promise<number | null> {
  return em.transactional(async (tx) => {
    const [lock] = await runSql<{ locked: boolean }>(tx, sql.query`select pg_try_advisory_xact_lock(${sql.value(OVERDUE_SWEEP_LOCK)}) as locked`);
    if (!lock.locked) return null;
    const events: NewIssueEvent[] = [];
    const [at, dueSoonShare] = [timestamptz(now), sql.fragment`${sql.value(share)}::float8`];
    for (const deadline of DEADLINES) {
      const [flag, condition] = [sql.identifier(deadline.flag), deadline.condition(at, dueSoonShare)];
      const rows = await runSql<{ id: string; status: IssueStatus }>(
        tx,
        sql.query`update issue set ${flag} = true
          where id in (select id from issue where ${condition} and not ${flag} order by id limit ${sql.literal(BATCH)})
            and ${condition} and not ${flag}
          returning id, status`,
      );
      for (const row of rows) {
        events.push({ issueId: row.id, type: deadline.type, fromStatus: row.status, toStatus: row.status, note: deadline.note, at: now });
      }
    }
    await appendIssueEvents(tx, events);
    return events.length;
  });
}

/**
 * Raises every OVERDUE event due at `now`. Returns how many it appended (0 when
 * another replica is sweeping at this moment: it will raise them).
 */
export async function sweepOverdue(
  em: EntityManager,
  events: EventNotifier,
  now: Date = new Date(),
  dueSoonShare: number = DEFAULT_DUE_SOON_SHARE,
): Promise<number> {
  let total = 0;
  for (;;) {
    const appended = await sweepBatch(em.fork(), now, dueSoonShare);
    if (appended === null || appended === 0) break;
    total += appended;
    events.eventsCommitted();
    if (appended < BATCH) break;
  }
  return total;
}

export interface OverdueSweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Sweeps every `intervalSeconds` (0: never — tests call {@link sweepOverdue} themselves). */
export function startOverdueSweeper(
  orm: Orm,
  events: EventNotifier,
  logger: Logger,
  intervalSeconds: number,
  dueSoonShare: number = DEFAULT_DUE_SOON_SHARE,
  clock: Clock = systemClock,
): OverdueSweeper {
  if (intervalSeconds <= 0) return { stop: async () => undefined };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return; // a slow sweep is still going: skip this beat rather than pile up
    running = sweepOverdue(orm.em.fork(), events, clock.now(), dueSoonShare)
      .then((count) => {
        if (count > 0) logger.info({ count }, 'raised overdue events');
      })
      .catch((err) => logger.error({ err }, 'overdue sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  tick(); // deadlines that passed while no replica was running are raised at once
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
