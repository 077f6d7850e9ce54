/**
 * The replica's one reader of the timeline. Woken after a local commit, by a
 * wake-up from another replica, or by its own safety poll, it reads committed
 * events with `seq` past the last one it handed out, in order, and hands them
 * to the live subscribers. Writers append under an advisory lock, so `seq`
 * order is commit order and "after the last one" never skips an event; a lost
 * wake-up only delays delivery until the next poll.
 */
import type { Logger } from '../../server/logger';
import type { CommittedEvent } from './committed-events';

export interface EventTailOptions<Prepared> {
  /** Committed events after `afterSeq`, oldest first, at most `limit`. */
  read: (afterSeq: number, limit: number) => Promise<CommittedEvent[]>;
  latestSeq: () => Promise<number>;
  /** Asynchronous work for a batch before it is handed out (e.g. tracker snapshots). */
  prepare: (batch: CommittedEvent[]) => Promise<Prepared>;
  /** Hands the batch out; synchronous, so the tail's position moves in the same step. */
  dispatch: (batch: CommittedEvent[], prepared: Prepared) => void;
  pollMs: number;
  batchSize: number;
  logger: Logger;
}

/** How often a persisting failure is logged (it is retried at every poll). */
const FAILURE_LOG_INTERVAL_MS = 30_000;

export class EventTail<Prepared> {
  private seq = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private lastFailureLogged = 0;

  constructor(private readonly options: EventTailOptions<Prepared>) {}

  /** Starts after the newest committed event: earlier ones are history, served by replay. */
  async start(): Promise<void> {
    this.seq = await this.options.latestSeq();
    this.started = true;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
  }

  /** The sequence number of the last event handed out. */
  get position(): number {
    return this.seq;
  }

  /** Reads whatever was committed since the last read, now or right after the read in progress. */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no read is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    const { read, prepare, dispatch, batchSize } = this.options;
    do {
      this.again = false;
      try {
        for (;;) {
          const batch = await read(this.seq, batchSize);
          if (batch.length === 0 || this.stopped) break;
          const prepared = await prepare(batch);
          if (this.stopped) break;
          dispatch(batch, prepared);
          this.seq = batch[batch.length - 1].seq;
          if (batch.length < batchSize) break;
        }
      } catch (error) {
        // The database may be away: keep the position, try again at the next wake-up or poll.
        const now = Date.now();
        if (now - this.lastFailureLogged > FAILURE_LOG_INTERVAL_MS) {
          this.lastFailureLogged = now;
          this.options.logger.warn({ err: error }, 'realtime: reading committed events failed; retrying');
        }
        return;
      }
    } while (this.again && !this.stopped);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }
}
