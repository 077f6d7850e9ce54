/** The LastmeterError a promise rejects with, failing the test when it resolves or rejects with anything else. */
import assert from 'node:assert/strict';
import { LastmeterError } from '../../sdk/src/index.ts';

export async function lastmeterErrorOf(promise: Promise<unknown>, what = 'call'): Promise<LastmeterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LastmeterError, `a LastmeterError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected the ${what} to fail`);
}
