/**
 * The SDK's types hold a strict consumer to the contract: consumer.ts compiles
 * cleanly under test/sdk-types/tsconfig.json — which proves that every marked
 * mistake fails (tsc rejects a `@ts-expect-error` whose line compiles) — and,
 * with the markers removed, fails on exactly the marked lines.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import ts from 'typescript';

const CONFIG = path.join(__dirname, 'tsconfig.json');
const CONSUMER = path.join(__dirname, 'consumer.ts');
const MARKER = /^\s*\/\/ @ts-expect-error\b/;

function compile(consumerText?: string, oldProgram?: ts.Program): { program: ts.Program; diagnostics: readonly ts.Diagnostic[] } {
  const config = ts.getParsedCommandLineOfConfigFile(CONFIG, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  });
  assert.ok(config, 'test/sdk-types/tsconfig.json parses');
  const host = ts.createCompilerHost(config.options);
  if (consumerText !== undefined) {
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) =>
      path.resolve(fileName) === CONSUMER ? ts.createSourceFile(fileName, consumerText, languageVersion) : getSourceFile(fileName, languageVersion, ...rest);
  }
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host, oldProgram });
  return { program, diagnostics: ts.getPreEmitDiagnostics(program) };
}

function describeAll(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' });
}

function lineOf(diagnostic: ts.Diagnostic): number {
  return diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!).line;
}

describe('SDK types, seen by a strict consumer', () => {
  let first: ts.Program | undefined;

  it('consumer.ts compiles: every method type-checks, every marked mistake is an error', () => {
    const { program, diagnostics } = compile();
    first = program;
    assert.equal(diagnostics.length, 0, describeAll(diagnostics));
  });

  it('without the markers, it fails on exactly the marked lines', () => {
    const lines = ts.sys.readFile(CONSUMER)!.split('\n');
    const marked = lines.flatMap((line, index) => (MARKER.test(line) ? [index + 1] : []));
    assert.ok(marked.length >= 15, `consumer.ts marks ${marked.length} mistakes`);
    const unmarked = lines.map((line) => (MARKER.test(line) ? '' : line)).join('\n');
    const { diagnostics } = compile(unmarked, first);
    const inConsumer = diagnostics.filter((d) => d.file && path.resolve(d.file.fileName) === CONSUMER);
    assert.equal(inConsumer.length, diagnostics.length, describeAll(diagnostics));
    assert.deepEqual([...new Set(inConsumer.map(lineOf))].sort((a, b) => a - b), marked, describeAll(inConsumer));
  });
});
