/**
 * Repeated directives and error floods, against the emitted schema: a
 * directive repeated at one location (graphql-cop's "directive overloading"
 * probe) gets one error and stops validation; anything else stops after
 * `maxErrors` errors.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { QUERY_LIMITS, apolloHardening, createHardenedValidate, repeatedDirectivesRule } from '../../api/src/server/hardening';

const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
const hardened = createHardenedValidate({ introspection: false });
const messages = (query: string) => hardened(schema, parse(query)).map((e) => [e.message, e.extensions.code]);

describe('repeated directives', () => {
  it("answers graphql-cop's directive overloading probe with one error (graphql-js alone gives ten)", () => {
    const probe = 'query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }';
    assert.equal(validate(schema, parse(probe)).length, 10);
    assert.deepEqual(messages(probe), [['The directive "@aa" is repeated 10 times at one location: use it at most once there.', 'GRAPHQL_VALIDATION_FAILED']]);
  });

  it('treats a known directive repeated at one location the same way', () => {
    assert.deepEqual(messages('{ categories { code @skip(if: false) @skip(if: true) @skip(if: false) } }'), [
      ['The directive "@skip" is repeated 3 times at one location: use it at most once there.', 'GRAPHQL_VALIDATION_FAILED'],
    ]);
  });

  it('leaves different directives, the same directive at different locations, and repeatable ones alone', () => {
    assert.deepEqual(messages('query($v: Boolean!) { categories @include(if: $v) { code @skip(if: $v) @include(if: $v) name @skip(if: $v) } }'), []);
    const tagged = buildSchema('directive @tag(name: String) repeatable on FIELD\ntype Query { a: String }');
    assert.deepEqual(validate(tagged, parse('{ a @tag(name: "x") @tag(name: "y") }'), [repeatedDirectivesRule, ...specifiedRules]), []);
  });

  it('is one of the rules Apollo runs on HTTP', () => {
    const options = apolloHardening({ introspection: false, nodeEnv: 'test' });
    assert.ok(options.validationRules?.includes(repeatedDirectivesRule));
    assert.deepEqual(options.validationOptions, { maxErrors: QUERY_LIMITS.maxErrors });
  });
});

describe('error floods', () => {
  it(`stop after ${QUERY_LIMITS.maxErrors} errors, whatever the document repeats`, () => {
    const unknownFields = `{ ${Array.from({ length: 40 }, (_, i) => `f${i}`).join(' ')} }`;
    const unknownDirectives = `{ __typename ${Array.from({ length: 19 }, (_, i) => `@d${i}`).join(' ')} }`;
    for (const query of [unknownFields, unknownDirectives]) {
      const errors = hardened(schema, parse(query));
      assert.equal(errors.length, QUERY_LIMITS.maxErrors + 1, query.slice(0, 40));
      assert.match(errors.at(-1)!.message, /Too many validation errors/);
    }
  });
});
