/**
 * Fixed statements (api/src/db/prepared-sql.ts): compiled once, prepared by name on PostgreSQL, inlined on the
 * embedded database and inside a transaction; the same rows every way.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { fixedStatement, runFixed } from '../../api/src/db/prepared-sql';
import { sql } from '../../api/src/db/sql';
import { startTestServer, TEST_DB, type TestServer } from '../support/harness';
import { dbOf } from '../support/issues';

const ECHO = fixedStatement(2, (text, number) => sql.query`select ${text}::text as echoed, ${number}::int + 1 as next`);

describe('fixed statements', () => {
  let t: TestServer;
  const statements: string[] = [];
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false, onQuery: (line) => statements.push(line) });
  });
  afterAll(() => t?.close());

  it('are compiled once with $1…$n and refuse a build that skips or reorders its values', () => {
    assert.match(ECHO.text, /\$1::text as echoed, \$2::int \+ 1/);
    assert.match(ECHO.name, /^lm_[0-9a-f]{20}$/);
    assert.throws(() => fixedStatement(2, (a) => sql.query`select ${a}`), /each of its 2 values once, in order/);
    assert.throws(() => fixedStatement(2, (a, b) => sql.query`select ${b}, ${a}`), /in order/);
  });

  it(`answer the same rows outside and inside a transaction (${TEST_DB}), with values that need quoting, each logged once`, async () => {
    const em = dbOf(t);
    statements.length = 0;
    for (const [text, number] of [["O'Brien; drop table issue", 1], ['网格 \\ 42', 41]] as const) {
      assert.deepEqual(await runFixed(em, ECHO, [text, number]), [{ echoed: text, next: number + 1 }]);
      const inside = await em.transactional((tx) => runFixed(tx, ECHO, [text, number]));
      assert.deepEqual(inside, [{ echoed: text, next: number + 1 }]);
    }
    assert.equal(statements.filter((line) => line.includes('as echoed')).length, 4);
    await assert.rejects(runFixed(em, ECHO, ['one value']), /takes 2 values, not 1/);
  });
});
