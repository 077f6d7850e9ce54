/**
 * Runs deliveries in slices of the event loop. After one event thousands of
 * subscriptions have a message to write, and every write is a system call:
 * writing them all in one go would hold the loop for hundreds of
 * milliseconds (no HTTP request, no pong, no wake-up from another replica
 * meanwhile). Tasks run first come, first served, for at most
 * {@link TURN_BUDGET_MS} per turn; the rest continue once the loop has
 * handled its I/O.
 */

export interface DeliveryTask {
  /** Set by the scheduler while the task waits for its turn (a task is queued once, however often it is woken). */
  queued: boolean;
  run(): void;
}

const TURN_BUDGET_MS = 10;
/** The clock is read once per this many tasks (a task takes some microseconds). */
const TASKS_PER_CLOCK_READ = 32;

class DeliveryScheduler {
  private tasks: DeliveryTask[] = [];
  private head = 0;
  private turnPending = false;

  schedule(task: DeliveryTask): void {
    if (task.queued) return;
    task.queued = true;
    this.tasks.push(task);
    if (!this.turnPending) {
      this.turnPending = true;
      setImmediate(this.turn);
    }
  }

  private readonly turn = (): void => {
    const deadline = performance.now() + TURN_BUDGET_MS;
    let ran = 0;
    while (this.head < this.tasks.length) {
      const task = this.tasks[this.head++];
      task.queued = false;
      try {
        task.run();
      } catch (error) {
        // A task ends its own subscription on failure, so this is a bug: keep the others going, and have it logged
        // as an unhandled rejection (which the server logs without exiting).
        void Promise.reject(error);
      }
      if (++ran % TASKS_PER_CLOCK_READ === 0 && performance.now() >= deadline) break;
    }
    if (this.head < this.tasks.length) {
      this.tasks = this.tasks.slice(this.head);
      this.head = 0;
      setImmediate(this.turn);
    } else {
      this.tasks = [];
      this.head = 0;
      this.turnPending = false;
    }
  };
}

/** One per process: the event loop is shared, so is its budget. */
export const deliveryScheduler = new DeliveryScheduler();
