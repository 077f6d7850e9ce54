/**
 * Tracking codes this device looked up or received, newest first, so a resident
 * who reloads the page (or comes back next week) need not type the code again.
 * Kept in localStorage per API endpoint; the tracker offers to forget them.
 */
import { storage } from './pending-report';

const PREFIX = 'lastmeter:recent-codes:';
const KEEP = 5;

export function recentCodes(endpoint: string): string[] {
  try {
    const parsed = JSON.parse(storage()?.getItem(PREFIX + endpoint) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string').slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

export function rememberCode(endpoint: string, code: string): void {
  try {
    storage()?.setItem(PREFIX + endpoint, JSON.stringify([code, ...recentCodes(endpoint).filter((c) => c !== code)].slice(0, KEEP)));
  } catch {
    // storage full or disabled: nothing remembered
  }
}

export function forgetCodes(endpoint: string): void {
  try {
    storage()?.removeItem(PREFIX + endpoint);
  } catch {
    // nothing to forget
  }
}
