/**
 * `npm run generate` (second half): the SDK's typed documents and types, from
 * the emitted schema and the operations in sdk/src/operations, and the SDK's
 * `ErrorCode` from the schema's enum. The output in
 * sdk/src/generated/ is committed; test/unit/generated-current.test.ts fails
 * when regenerating would change it.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Where the generated SDK code goes (a folder: the client preset writes several files). */
export const GENERATED_DIR = 'sdk/src/generated/';
/** The SDK's `ErrorCode`, from the schema's enum (the API owns the codes). */
export const ERROR_CODES_FILE = `${GENERATED_DIR}error-codes.ts`;

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['sdk/src/operations/*.graphql'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  silent: true,
  generates: {
    [GENERATED_DIR]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Plain strings instead of DocumentNode ASTs: the browser bundle carries no `graphql` runtime.
        documentMode: 'string',
        // `status: ['ACCEPTED']` type-checks without importing an enum.
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string' },
        skipTypename: true,
        dedupeFragments: true,
      },
    },
    [ERROR_CODES_FILE]: {
      plugins: ['./sdk/scripts/codegen-error-codes.js'],
    },
  },
};

export default config;
