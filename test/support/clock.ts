/**
 * A clock the test sets: pass it to startTestServer({ clock }) (or a service) to stand before or
 * after a deadline, or across midnight, whatever the hour the suite runs at.
 */
import type { Clock } from '../../api/src/domain/clock';

export class TestClock implements Clock {
  private at: number;

  constructor(at: Date | string) {
    this.at = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date | string): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
