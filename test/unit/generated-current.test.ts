/**
 * Generated files are committed, so they must be what `npm run generate` would
 * write now: the schema emitted from the resolvers, and the SDK's typed
 * documents generated from that schema and sdk/src/operations. And the emitted
 * schema must keep the project's contract (schema/contract.graphql).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { buildSchema, findBreakingChanges } from 'graphql';
import { printLastmeterSchema, SCHEMA_FILE } from '../../api/scripts/emit-schema';
import { GENERATED_DIR } from '../../codegen';

const root = path.resolve(__dirname, '../..');
const CONTRACT_FILE = path.join(root, 'schema', 'contract.graphql');
/** The steering copy of the core contract, beside the repository on the team's machines only (a clone has none). */
const STEERING_CONTRACT = path.join(root, '..', 'shared', 'contract.graphql');
const STALE = 'is stale: run `npm run generate` and commit the result';

describe('generated files are current', () => {
  it('schema/schema.graphql is exactly what the resolvers emit', async () => {
    const emitted = await printLastmeterSchema();
    assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), emitted, `schema/schema.graphql ${STALE}`);
  });

  it('the emitted schema keeps the contract (findBreakingChanges is empty)', async () => {
    const contract = buildSchema(fs.readFileSync(CONTRACT_FILE, 'utf8'));
    const emitted = buildSchema(await printLastmeterSchema());
    const breaking = findBreakingChanges(contract, emitted).map((change) => `${change.type}: ${change.description}`);
    assert.deepEqual(breaking, []);
  });

  it('the contract keeps the steering copy of the core contract, where there is one beside the repository', () => {
    if (!fs.existsSync(STEERING_CONTRACT)) return; // a plain clone: schema/contract.graphql is the contract
    const steering = buildSchema(fs.readFileSync(STEERING_CONTRACT, 'utf8'));
    const ours = buildSchema(fs.readFileSync(CONTRACT_FILE, 'utf8'));
    assert.deepEqual(findBreakingChanges(steering, ours).map((change) => `${change.type}: ${change.description}`), []);
  });

  it('sdk/src/generated/ is exactly what codegen makes of the schema and the operations', async () => {
    const outputs: { filename: string; content: string }[] = JSON.parse(
      execFileSync(process.execPath, [path.join(root, 'test/support/codegen-outputs.js')], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }),
    );
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
