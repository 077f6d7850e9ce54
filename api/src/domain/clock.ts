/**
 * The time as the services read it. Production reads the system clock; tests pass a clock of their
 * own (StartOptions.clock) to stand before or after a deadline, or across midnight, whatever the
 * hour the suite runs at. Only the services that decide by the time take it: token expiry, the
 * overdue sweep and the statistics' overdue count.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
