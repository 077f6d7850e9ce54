'use strict';
/**
 * How swc turns the API's TypeScript into CommonJS: decorators with their metadata (type-graphql and
 * MikroORM read it), class fields as TypeScript's `useDefineForClassFields: false`. One definition for
 * the build (api/scripts/build.js) and the tests (jest.config.js), so both run the same code.
 */
const TYPESCRIPT_TO_COMMONJS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

module.exports = { TYPESCRIPT_TO_COMMONJS };
