/**
 * The viewers of long-lived connections, one shared entry per user. A live
 * feed checks scope "at that moment", so grid assignments and scope regions
 * are reloaded periodically (one load per connected user, however many
 * sockets and subscriptions that user holds).
 */
import type { Database } from '../../db/orm';
import type { Logger } from '../../server/logger';
import { loadViewer, type Viewer } from '../auth/viewer';

/** A user's current viewer; `null` once the account no longer exists (it then sees nothing). */
export interface ViewerHandle {
  readonly userId: string;
  readonly viewer: Viewer | null;
}

interface Entry {
  userId: string;
  viewer: Viewer | null;
  refs: number;
}

export class ViewerDirectory {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /** Reloads every connected user's viewer every `intervalMs`. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  /** A handle for a freshly resolved viewer; release it when the connection closes. */
  acquire(viewer: Viewer): ViewerHandle {
    let entry = this.entries.get(viewer.userId);
    if (!entry) {
      entry = { userId: viewer.userId, viewer, refs: 0 };
      this.entries.set(viewer.userId, entry);
    } else {
      entry.viewer = viewer;
    }
    entry.refs++;
    return entry;
  }

  /** Another handle on a user already connected here (no database round trip), or null. */
  acquireConnected(userId: string): ViewerHandle | null {
    const entry = this.entries.get(userId);
    if (!entry?.viewer) return null;
    entry.refs++;
    return entry;
  }

  release(handle: ViewerHandle): void {
    const entry = this.entries.get(handle.userId);
    if (entry && --entry.refs <= 0) this.entries.delete(handle.userId);
  }

  /** Reloads every connected user's viewer now (also called after scope changes, and by tests). */
  refresh(): Promise<void> {
    this.refreshing ??= this.reloadAll().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Resolves once a reload in progress (if any) is done: tests wait for the one a scope change started. */
  settled(): Promise<void> {
    return this.refreshing ?? Promise.resolve();
  }

  private async reloadAll(): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      if (entry.refs <= 0) continue;
      try {
        // A fresh fork per user keeps the identity map from growing across rounds.
        entry.viewer = await loadViewer(this.db.orm.em.fork(), entry.userId);
      } catch (error) {
        // Keep the last known scope; the next round tries again.
        this.logger.warn({ err: error }, 'realtime: could not refresh a viewer');
        return;
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
  }
}
