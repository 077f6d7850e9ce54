/**
 * Which database the tests run on (LM_TEST_DB, set per Jest project) and scratch databases on the
 * PostgreSQL server. Light on purpose (no API modules): tests that call services directly import it
 * without loading the whole server.
 */
import { randomBytes } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { Client } from 'pg';

export const TEST_DB = process.env.LM_TEST_DB === 'postgres' ? 'postgres' : 'embedded';

type Database = typeof TEST_DB;

/**
 * A test that only means something on one database: on the other it is reported as
 * skipped, with the reason in its name, so the counts stay honest.
 */
export function itOn(database: Database, reason: string) {
  return (name: string, fn: () => Promise<unknown> | void) =>
    TEST_DB === database ? it(name, fn) : it.skip(`${name} (${database} only: ${reason})`, fn);
}

/** `itOn` for a whole group of tests. */
export function describeOn(database: Database, reason: string) {
  return (name: string, fn: () => void) =>
    TEST_DB === database ? describe(name, fn) : describe.skip(`${name} (${database} only: ${reason})`, fn);
}

export const POSTGRES_ADMIN_URL = process.env.LM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates a database of its own on the PostgreSQL server; returns its URL and a function that drops it. */
export async function createScratchDatabase(options: { timeZone?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  if (options.timeZone) await admin.query(`alter database "${name}" set timezone to '${options.timeZone.replace(/'/g, "''")}'`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}
