'use strict';
// Development only: runs TypeScript sources in place with @swc-node/register
// (swc, decorators and their metadata included), configured by the root tsconfig.json
// whatever the working directory. Production runs api/dist instead (api/scripts/build.js).
const path = require('node:path');

process.env.SWC_NODE_PROJECT ??= path.resolve(__dirname, '..', '..', 'tsconfig.json');
require('reflect-metadata');
require('@swc-node/register');
