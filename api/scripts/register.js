'use strict';
// Runs TypeScript sources in place: a require hook that compiles each .ts file
// with swc (decorators and their metadata included, which tsx/esbuild cannot do).
require('reflect-metadata');
const Module = require('node:module');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
process.setSourceMapsEnabled(true);

// ESM-style TypeScript (the SDK, built to ESM) imports './x.js' meaning the source './x.ts'.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveTypeScriptSource(request, parent, ...rest) {
  try {
    return resolveFilename.call(this, request, parent, ...rest);
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND' || !request.startsWith('.') || !request.endsWith('.js') || !parent?.filename?.endsWith('.ts')) throw error;
    return resolveFilename.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
  }
};
