/**
 * Property-based inputs (fast-check) to every Query and Mutation field of the
 * emitted schema, as an administrator (the deepest code paths) and as a
 * stranger: malformed strings, huge numbers, wrong types, unicode, NUL bytes,
 * nulls, deep objects. Whatever comes in, the answer is never
 * INTERNAL_SERVER_ERROR, never an HTTP 5xx, and the server keeps answering.
 * Some inputs are real ids of the demo city, so mutations get past their
 * first lookup and into the domain rules. Bounded: LM_FUZZ_RUNS runs per
 * mutation (default 10), three times that per query and forty times that for
 * malformed bodies, which cost little. The seed is printed; LM_FUZZ_SEED
 * replays a run.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { fuzzSeed } from '../support/fuzz-seed';
import { startTestServer, type TestServer } from '../support/harness';

const RUNS = Number(process.env.LM_FUZZ_RUNS ?? 10);
/** Queries only read and a malformed body is refused before any resolver: more cases for about the same time. */
const RUNS_PER_FIELD = { query: RUNS * 3, mutation: RUNS } as const;
const MALFORMED_RUNS = RUNS * 40;
const SEED = fuzzSeed('reliability-fuzz');
const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));

/** Strings that have broken servers before. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uFFFF',
  '😀'.repeat(300),
  '网格'.repeat(1500),
  'x'.repeat(70_000),
  "'; drop table issue; --",
  '%_\\',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFF',
  'LM-0000-0000-0000',
  'eyJhbGciOiJub25lIn0.e30.',
  '1e999',
  'NaN',
  'null',
  '2026-02-30T25:61:61Z',
  '-271821-04-19T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
];

/** Real ids, codes and tracking codes of the demo city, so some inputs get past the first lookup. */
const realValues: string[] = ['GARBAGE', 'OTHER', 'admin', 'lastmeter-demo', 'https://portal.example.gov.cn', '13912345678'];
const realValue = fc.constant(null).map(() => realValues[Math.floor(Math.random() * realValues.length)]);
const plainText = fc.constantFrom('test', '楼道灯坏了', 'Street light out', 'a', 'WIDGET', '2026-01-01T00:00:00.000Z');

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 4, arbitrary: realValue },
  { weight: 2, arbitrary: plainText },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.uuid() },
);

const wrongType = fc.jsonValue({ maxDepth: 6 });

function scalarValue(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.oneof(
        fc.integer({ min: -5, max: 200 }),
        fc.integer(),
        fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648, 2_147_483_648, 1e15, Number.MAX_SAFE_INTEGER, 1.5),
      );
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 90.000001, -180.5, 30.585, 114.305));
    case 'Boolean':
      return fc.boolean();
    case 'DateTimeISO':
      return fc.oneof(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        nastyString,
      );
    default:
      return nastyString; // String, ID and anything new
  }
}

/** Mostly well-typed values (they reach the resolvers), sometimes anything at all (they test coercion). */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ weight: 15, arbitrary: valueFor(type.ofType, depth) }, { weight: 1, arbitrary: wrongType });
  const inner = nullableValue(type, depth);
  return fc.oneof({ weight: 10, arbitrary: inner }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrongType });
}

function nullableValue(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) return fc.array(valueFor(type.ofType, depth + 1), { maxLength: depth > 2 ? 2 : 6 });
  if (isEnumType(type)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: nastyString });
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) shape[field.name] = depth > 4 ? fc.constant(null) : valueFor(field.type, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.record(shape, { requiredKeys: required });
  }
  if (isScalarType(type)) return scalarValue(type.name);
  return wrongType;
}

/** Scalar and enum fields of the result (first level), so the resolvers of what is returned run too. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return '';
  const leaves = Object.values((named as GraphQLObjectType).getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
    .filter((f) => {
      const t = getNamedType(f.type);
      return isScalarType(t) || isEnumType(t);
    })
    .map((f) => f.name);
  return `{ __typename ${leaves.join(' ')} }`;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} Fuzz${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(field)} }`;
}

describe('fuzzing every query and mutation argument', () => {
  let t: TestServer;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestServer({ env: { REPORT_RATE_LIMIT: '1000000' } });
    adminToken = await t.login('admin');
    const ids = await t.gql<any>(
      '{ regions { id children { id children { id children { id grids { id } } } } } cadres { id } issues(first: 20) { edges { node { id trackingCode } } } }',
      {},
      { token: adminToken },
    );
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if ((key === 'id' || key === 'trackingCode') && typeof v === 'string') realValues.push(v);
          else collect(v);
        }
      }
    };
    collect(ids.data);
    assert.ok(realValues.length > 20, 'collected real ids');
  });
  afterAll(() => t?.close());
  const stats = new Map<string, number>();
  afterAll(() => {
    if (process.env.LM_FUZZ_STATS) console.log([...stats].sort().map(([k, v]) => `${k}: ${v}`).join('\n'));
  });

  async function send(body: unknown, token: string | undefined, what: string): Promise<void> {
    const res = await fetch(t.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.status < 500, `${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
    const parsed = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    if (process.env.LM_FUZZ_STATS) {
      const key = `${what.split('(')[0]} ${parsed.errors?.[0]?.extensions?.code ?? 'data'}`;
      stats.set(key, (stats.get(key) ?? 0) + 1);
    }
    const internal = parsed.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || !e.extensions?.code);
    assert.equal(internal, undefined, `${what}: ${JSON.stringify(internal)}`);
  }

  for (const [kind, root] of [
    ['query', schema.getQueryType()!],
    ['mutation', schema.getMutationType()!],
  ] as const) {
    it(`${kind} fields answer any arguments without an internal error`, async () => {
      const fields = Object.values(root.getFields()).filter((f) => f.args.length > 0);
      assert.ok(fields.length >= (kind === 'query' ? 8 : 20), `found the ${kind} fields`);
      for (const field of fields) {
        const query = operationFor(kind, field);
        const variables = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type)])), { requiredKeys: [] });
        await fc.assert(
          fc.asyncProperty(variables, fc.boolean(), async (vars, asAdmin) => {
            await send({ query, variables: vars }, asAdmin ? adminToken : undefined, `${field.name}(${JSON.stringify(vars).slice(0, 300)})`);
          }),
          { numRuns: RUNS_PER_FIELD[kind], seed: SEED, endOnFailure: true },
        );
      }
    });
  }

  it('answers malformed requests (documents, names, variables, body shapes) without an internal error', async () => {
    const body = fc.oneof(
      fc.record({ query: fc.string({ maxLength: 200 }), variables: wrongType, operationName: fc.option(nastyString) }),
      fc.record({ query: fc.constantFrom('{ categories { code } }', 'query A { me { id } } query B { me { id } }'), operationName: wrongType }),
      fc.record({ query: wrongType }),
      wrongType,
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, asAdmin) => send(b, asAdmin ? adminToken : undefined, `body ${JSON.stringify(b).slice(0, 300)}`)),
      { numRuns: MALFORMED_RUNS, seed: SEED, endOnFailure: true },
    );
    // Still serving.
    const res = await t.gql('{ categories { code } }');
    assert.equal(res.status, 200);
  });
});
