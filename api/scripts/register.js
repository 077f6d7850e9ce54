'use strict';
// Runs TypeScript sources in place: a require hook that compiles each .ts file
// with swc (decorators and their metadata included, which tsx/esbuild cannot do),
// through a cache on disk keyed by the source's content (typescript-cache.js).
require('reflect-metadata');
const Module = require('node:module');
const fs = require('node:fs');
const { compileTypeScript } = require('./typescript-cache');

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(compileTypeScript(fs.readFileSync(filename, 'utf8'), filename), filename);
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
