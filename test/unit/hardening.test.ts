/**
 * The query limits on their own, against the emitted schema: cost estimates,
 * one error per exceeded limit with validation stopped, the drop-in validate
 * for graphql-ws, and suggestion hiding.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import {
  QUERY_LIMITS,
  createHardenedValidate,
  createValidationRules,
  operationCost,
  prepareOperation,
  withoutSuggestions,
} from '../../api/src/server/hardening';

const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
const hardened = createHardenedValidate({ introspection: false });

function costOf(query: string): number {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])));
  return operationCost(schema, operation, (name) => fragments.get(name));
}

describe('operationCost', () => {
  it('charges 1 per scalar, 2 per object plus 1.5 × its children, summed at the root', () => {
    assert.equal(costOf('{ categories { code name } }'), 2 + 1.5 * 2);
    assert.equal(costOf('{ a: categories { code } b: categories { code } }'), 2 * (2 + 1.5));
    assert.equal(costOf('{ __typename }'), 1);
  });

  it('multiplies a page by first: the literal, the schema default (20) when omitted, the maximum page for a variable', () => {
    const page = (args: string) => costOf(`query($n: Int) { issues${args} { totalCount } }`);
    assert.equal(page('(first: 5)'), (2 + 1.5) * 5);
    assert.equal(page(''), (2 + 1.5) * 20);
    assert.equal(page('(first: $n)'), (2 + 1.5) * QUERY_LIMITS.maxPageSize);
  });

  it('flattens fragments (inline and named) and survives a fragment cycle', () => {
    const inline = costOf('{ categories { ... on Category { code name } } }');
    const named = costOf('query { categories { ...C } } fragment C on Category { code name }');
    assert.equal(inline, costOf('{ categories { code name } }'));
    assert.equal(named, inline);
    assert.ok(Number.isFinite(costOf('query { regions { ...A } } fragment A on Region { children { ...B } } fragment B on Region { children { ...A } }')));
  });

  it('ignores introspection (switched on or off separately)', () => {
    assert.equal(costOf('{ __schema { types { name fields { name } } } }'), 0);
  });

  it('prices a page of 100 issues with its relations well under the limit, and pages within pages far over it', () => {
    const page = costOf(`query($first: Int) { issues(first: $first) { totalCount edges { node {
      id title status overdue category { code name } grid { code region { name parent { name } } }
      assignee { name level } timeline { type toStatus at cursor } } } } }`);
    assert.ok(page > 10_000 && page < QUERY_LIMITS.maxCost / 2, String(page));
    const nested = costOf('{ issues(first: 100) { edges { node { assignee { duties(first: 100) { edges { node { id } } } } } } } }');
    assert.ok(nested > QUERY_LIMITS.maxCost * 10, String(nested));
  });
});

describe('the query limits as validation rules', () => {
  it('refuses each exceeded limit with one error and stops the standard rules from adding one per node', () => {
    const directives = parse(`{ categories { code ${'@skip(if: false) '.repeat(200)} } }`);
    assert.ok(validate(schema, directives).length > 100 - 1, 'graphql-js alone reports (up to 100) duplicates');
    const errors = hardened(schema, directives);
    assert.deepEqual(
      errors.map((e) => [e.message, e.extensions.code]),
      [[`Directives limit of ${QUERY_LIMITS.maxDirectives} exceeded, found 200.`, 'GRAPHQL_VALIDATION_FAILED']],
    );
  });

  it('reports every limit a document exceeds at once', () => {
    const deep = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: regions { ${'children { '.repeat(20)} name ${'} '.repeat(20)} }`).join(' ')} }`;
    const messages = hardened(schema, parse(deep)).map((e) => e.message);
    assert.equal(messages.length, 3, messages.join(' | '));
    assert.match(messages.join(' '), /Aliases limit.*depth limit|depth limit.*Aliases limit/);
    assert.match(messages.join(' '), /cost limit/);
  });

  it('counts __typename aliases, through fragments too', () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    assert.match(hardened(schema, parse(`{ ${aliases} }`))[0].message, /Aliases limit of 15 exceeded, found 16/);
    assert.match(hardened(schema, parse(`{ ...F } fragment F on Query { ${aliases} }`))[0].message, /Aliases limit/);
  });

  it('lets ordinary documents through untouched', () => {
    assert.deepEqual(hardened(schema, parse('{ categories { code } regions { name children { name grids { code } } } }')), []);
    assert.deepEqual(
      hardened(schema, parse('query Q($id: ID!) { issue(id: $id) { ...I reporter { name } } } fragment I on Issue { id title status grid { name } }')),
      [],
    );
  });

  it('refuses introspection only when switched off', () => {
    const document = parse('{ __schema { queryType { name } } }');
    assert.equal(hardened(schema, document).length > 0, true);
    assert.deepEqual(createHardenedValidate({ introspection: true })(schema, document), []);
    assert.equal(createValidationRules({ introspection: true }).length, 2);
    assert.equal(createValidationRules({ introspection: false }).length, 3);
  });
});

describe('prepareOperation (for paths that parse for themselves)', () => {
  it('refuses too many tokens while parsing, with GRAPHQL_PARSE_FAILED', () => {
    const result = prepareOperation(schema, { introspection: false }, `{ ${Array.from({ length: 1500 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    assert.equal(result.errors?.[0].extensions.code, 'GRAPHQL_PARSE_FAILED');
    assert.match(result.errors![0].message, /2000 tokens/);
  });

  it('marks validation errors GRAPHQL_VALIDATION_FAILED and returns the document when fine', () => {
    assert.equal(prepareOperation(schema, { introspection: false }, '{ nope }').errors?.[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.ok(prepareOperation(schema, { introspection: false }, '{ categories { code } }').document);
  });
});

describe('withoutSuggestions', () => {
  it('removes every form of "Did you mean …?"', () => {
    assert.equal(withoutSuggestions('Cannot query field "categorie" on type "Query". Did you mean "categories"?'), 'Cannot query field "categorie" on type "Query".');
    assert.equal(
      withoutSuggestions('Value "SUBMITED" does not exist in "IssueStatus" enum. Did you mean the enum value "SUBMITTED"?'),
      'Value "SUBMITED" does not exist in "IssueStatus" enum.',
    );
    assert.equal(withoutSuggestions('Unknown argument "levl". Did you mean "level", "regionId", or "x"?'), 'Unknown argument "levl".');
    assert.equal(withoutSuggestions('Nothing to hide.'), 'Nothing to hide.');
  });
});
