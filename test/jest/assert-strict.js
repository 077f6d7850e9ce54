'use strict';
/**
 * `node:assert/strict` for tests under Jest. Jest runs each test file in a VM context of its own,
 * while Node's modules (fs, worker threads, fetch) make arrays, objects and dates of the main realm;
 * `deepStrictEqual` compares prototypes and so told a `readdirSync` result from an equal literal.
 * The deep comparisons here first copy both sides into this realm, then compare exactly as Node does.
 */
const strict = require('assert').strict;

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Arrays, plain objects and dates of any realm, rebuilt in this one; everything else as it is. */
function inThisRealm(value, seen = new Map()) {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return new Date(value.getTime());
  if (Array.isArray(value)) {
    const copy = [];
    seen.set(value, copy);
    for (let i = 0; i < value.length; i++) copy[i] = inThisRealm(value[i], seen);
    return copy;
  }
  if (tag === '[object Object]' && isPlainObject(value)) {
    const copy = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    seen.set(value, copy);
    for (const key of Reflect.ownKeys(value)) copy[key] = inThisRealm(value[key], seen);
    return copy;
  }
  return value;
}

const assert = Object.assign(
  (...args) => strict(...args),
  strict,
  Object.fromEntries(
    ['deepEqual', 'deepStrictEqual', 'notDeepEqual', 'notDeepStrictEqual'].map((name) => [
      name,
      (actual, expected, message) => strict[name](inThisRealm(actual), inThisRealm(expected), message),
    ]),
  ),
);
assert.strict = assert;

module.exports = assert;
module.exports.default = assert;
