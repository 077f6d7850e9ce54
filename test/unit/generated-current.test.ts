/**
 * Generated files are committed, so they must be what `npm run generate` would
 * write now: the schema emitted from the resolvers, and the SDK's typed
 * documents generated from that schema and sdk/src/operations. And the emitted
 * schema must keep the shared contract.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, findBreakingChanges } from 'graphql';
import { printLastmeterSchema, SCHEMA_FILE } from '../../api/scripts/emit-schema';
import codegenConfig, { GENERATED_DIR } from '../../codegen';

const root = path.resolve(__dirname, '../..');
// In CI the repository is cloned elsewhere with a copy of shared/ beside it.
const CONTRACT_FILE = path.resolve(root, '../shared/contract.graphql');
const STALE = 'is stale: run `npm run generate` and commit the result';

describe('generated files are current', () => {
  it('schema/schema.graphql is exactly what the resolvers emit', async () => {
    const emitted = await printLastmeterSchema();
    assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), emitted, `schema/schema.graphql ${STALE}`);
  });

  it('the emitted schema keeps the shared contract (findBreakingChanges is empty)', async () => {
    const contract = buildSchema(fs.readFileSync(CONTRACT_FILE, 'utf8'));
    const emitted = buildSchema(await printLastmeterSchema());
    const breaking = findBreakingChanges(contract, emitted).map((change) => `${change.type}: ${change.description}`);
    assert.deepEqual(breaking, []);
  });

  it('sdk/src/generated/ is exactly what codegen makes of the schema and the operations', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...codegenConfig, cwd: root, silent: true }, false);
    const expected = new Map(outputs.map((output) => [path.resolve(root, output.filename), output.content]));
    const generatedDir = path.resolve(root, GENERATED_DIR);
    assert.ok(expected.size >= 2, 'codegen produced the client files');
    const onDisk = fs.readdirSync(generatedDir).map((name) => path.join(generatedDir, name)).sort();
    assert.deepEqual(onDisk, [...expected.keys()].sort(), `the files in ${GENERATED_DIR} ${STALE}`);
    for (const [file, content] of expected) {
      assert.equal(fs.readFileSync(file, 'utf8'), content, `${path.relative(root, file)} ${STALE}`);
    }
  });
});
