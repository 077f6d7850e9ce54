/**
 * The SDK covers the contract (schema/contract.graphql): one client method per Query and
 * Mutation field (plus the two live feeds), each sending a document that is
 * valid against the contract itself, selects exactly that field, and passes
 * every argument of the field as a variable of the same name and type.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import {
  buildSchema,
  Kind,
  parse,
  print,
  validate,
  type FieldNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import * as sdk from '../../sdk/src/index.ts';
import { createClient, IssueEventsDocument, IssueTrackedDocument, mutationDocuments, queryDocuments } from '../../sdk/src/index.ts';

const root = path.resolve(__dirname, '../..');
const contract = buildSchema(fs.readFileSync(path.join(root, 'schema', 'contract.graphql'), 'utf8'));

const roots: [string, GraphQLObjectType, Record<string, { toString(): string }>][] = [
  ['query', contract.getQueryType()!, queryDocuments],
  ['mutation', contract.getMutationType()!, mutationDocuments],
  ['subscription', contract.getSubscriptionType()!, { issueEvents: IssueEventsDocument, issueTracked: IssueTrackedDocument }],
];

describe('SDK methods against the contract', () => {
  for (const [kind, type, documents] of roots) {
    it(`has one document per ${kind} field, and no other`, () => {
      assert.deepEqual(Object.keys(documents).sort(), Object.keys(type.getFields()).sort());
    });

    it(`each ${kind} document is valid against the contract and passes the field's arguments one to one`, () => {
      for (const [name, field] of Object.entries(type.getFields())) {
        const document = parse(documents[name].toString());
        assert.deepEqual(validate(contract, document).map((e) => e.message), [], `${name}: valid against the contract`);
        const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        assert.equal(operations.length, 1, `${name}: one operation`);
        const [operation] = operations;
        assert.equal(operation.operation, kind, `${name}: a ${kind}`);
        const selections = operation.selectionSet.selections as FieldNode[];
        assert.deepEqual(selections.map((s) => [s.name.value, s.alias?.value]), [[name, undefined]], `${name}: selects only ${name}`);
        const variables = new Map(operation.variableDefinitions?.map((v) => [v.variable.name.value, print(v.type)]) ?? []);
        const passed = new Map(selections[0].arguments?.map((a) => [a.name.value, a.value.kind === Kind.VARIABLE ? a.value.name.value : '(literal)']) ?? []);
        for (const arg of field.args) {
          assert.equal(passed.get(arg.name), arg.name, `${name}(${arg.name}:) takes $${arg.name}`);
          const expected = arg.defaultValue === undefined ? String(arg.type) : String(arg.type).replace(/!$/, '');
          assert.equal(variables.get(arg.name), expected, `${name}: $${arg.name} has the argument's type`);
        }
        assert.equal(passed.size, field.args.length, `${name}: no other arguments`);
      }
    });
  }

  it('every typed document the SDK exports is valid against the contract', () => {
    const exported = Object.entries(sdk).filter(([name]) => name.endsWith('Document'));
    assert.ok(exported.length >= 37, `${exported.length} documents`);
    for (const [name, document] of exported) {
      assert.deepEqual(validate(contract, parse(String(document))).map((e) => e.message), [], name);
    }
  });

  it('the client has a method named after every Query, Mutation and Subscription field', () => {
    const client = createClient({ url: 'http://lastmeter.test/graphql' }) as unknown as Record<string, unknown>;
    for (const [, type] of roots) {
      for (const name of Object.keys(type.getFields())) assert.equal(typeof client[name], 'function', name);
    }
  });
});
