/**
 * A viewer read in the same statement as the page it sees. The token's user is
 * normally read on its own before anything else, one more round trip per
 * request. On the direct path (server/direct-graphql.ts) a recent reading
 * stands in for it, and is checked afterwards instead:
 *
 *   token → RecentViewers ─┬─ known:   viewer = the recent one, ViewerCheck pending
 *                          │            first page statement also reads the stamp ─ same? answer : hand on to Apollo
 *                          │            no page statement ran → read the stamp at the end ─ same? answer : hand on
 *                          └─ unknown: read the stamp on its own (as before), remember it
 *
 * The answer is only sent once the database said, in or after the statements
 * that built it, that this viewer is still exactly this one; so a deactivated
 * account, a moved scope or a new role is seen from the very next request, on
 * every replica, as before. A changed viewer sends the request on to Apollo,
 * which reads the viewer afresh (queries change nothing, so running one twice
 * is safe).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { runPlannedSql } from '../../db/prepared-sql';
import { sql, type SQL } from '../../db/sql';
import { readViewerStamp, viewerOfStamp, viewerStampSql, type Viewer } from './viewer';

/** A viewer as one reading of the database described it. */
interface Reading {
  stamp: string;
  viewer: Viewer;
}

/** The last reading of each recent staff user, on this replica. */
export class RecentViewers {
  private readonly readings: LRUCache<string, Reading>;

  constructor(max = 10_000) {
    this.readings = new LRUCache({ max });
  }

  /** Reads the viewer on its own (one statement) and remembers it; null when the account is gone or deactivated. */
  async read(em: EntityManager, userId: string): Promise<Viewer | null> {
    const stamp = await readViewerStamp(em, userId);
    return this.remember(userId, stamp);
  }

  /** The user's last reading, to be checked ({@link ViewerCheck}) before anything it saw is sent; null when none. */
  recall(userId: string): ViewerCheck | null {
    const reading = this.readings.get(userId);
    return reading ? new ViewerCheck(this, userId, reading) : null;
  }

  /** Keeps a stamp (forgets the user when it is null) and answers its viewer. */
  remember(userId: string, stamp: string | null): Viewer | null {
    if (stamp === null) {
      this.readings.delete(userId);
      return null;
    }
    const known = this.readings.get(userId);
    if (known?.stamp === stamp) return known.viewer;
    const viewer = viewerOfStamp(stamp);
    this.readings.set(userId, { stamp, viewer });
    return viewer;
  }
}

/** Thrown when the database no longer describes the recalled viewer: the request is answered afresh. */
export class ViewerChanged extends Error {
  constructor() {
    super('The viewer changed since it was last read.');
  }
}

/** Whether a recalled viewer is still the database's: pending until a statement has read its stamp again. */
export class ViewerCheck {
  private confirmed = false;

  constructor(
    private readonly recent: RecentViewers,
    private readonly userId: string,
    private readonly reading: Reading,
  ) {}

  get viewer(): Viewer {
    return this.reading.viewer;
  }

  /**
   * Runs a read-path statement (prepared-sql.ts runPlannedSql); while the check is pending, the same statement
   * also reads the viewer's stamp, and a changed one throws {@link ViewerChanged} instead of answering rows.
   */
  async runPlanned<Row>(em: EntityManager, query: SQL): Promise<Row[]> {
    if (this.confirmed) return runPlannedSql<Row>(em, query);
    // One row always (the stamp); the statement's own rows are those whose marker is set.
    const rows = await runPlannedSql<Row & { lm_stamp: string | null; lm_row: boolean | null }>(
      em,
      sql.query`select ${viewerStampSql(sql.value(this.userId))} as lm_stamp, q.*
        from (select 1) as lm_one left join lateral (select true as lm_row, s.* from (${query}) as s) as q on true`,
    );
    this.confirm(rows[0]?.lm_stamp ?? null);
    return rows.filter((row) => row.lm_row).map(({ lm_stamp: _stamp, lm_row: _row, ...row }) => row as unknown as Row);
  }

  /** Reads the stamp on its own unless a statement already did: throws {@link ViewerChanged} when it changed. */
  async settle(em: EntityManager): Promise<void> {
    if (!this.confirmed) this.confirm(await readViewerStamp(em, this.userId));
  }

  private confirm(stamp: string | null): void {
    if (stamp === this.reading.stamp) {
      this.confirmed = true;
      return;
    }
    this.recent.remember(this.userId, stamp);
    throw new ViewerChanged();
  }
}

/** Runs a read-path statement for a request: with its recalled viewer's check folded in while that is pending. */
export function runReadPath<Row>(ctx: { em: EntityManager; viewerCheck?: ViewerCheck | null }, query: SQL): Promise<Row[]> {
  return ctx.viewerCheck ? ctx.viewerCheck.runPlanned<Row>(ctx.em, query) : runPlannedSql<Row>(ctx.em, query);
}
