'use strict';
/**
 * Prints, as JSON, what `graphql-codegen` would write now for codegen.ts, without writing it.
 * Run as a child process: codegen's command-line dependencies are ESM only, which Jest's
 * module system cannot load (Node's own require can).
 */
const path = require('node:path');
const { generate, loadCodegenConfig } = require('@graphql-codegen/cli');

const root = path.resolve(__dirname, '..', '..');

async function main() {
  const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.ts') });
  const outputs = await generate({ ...config, cwd: root, silent: true }, false);
  process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content }))));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
