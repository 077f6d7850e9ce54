'use strict';
/**
 * The suite on Jest: one project of database-free tests, and the database tests
 * once per database (`embedded` PGlite and a `postgres` server). Select with
 * `npx jest --selectProjects postgres test/api/issue-lifecycle.test.ts`.
 * `npm test` type-checks first, then runs every project.
 */
const path = require('node:path');

// PGlite, where a test opens it in the test's own process, loads parts of itself with import().
if (!`${process.env.NODE_OPTIONS ?? ''}`.includes('--experimental-vm-modules')) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim();
}

/**
 * `npx jest --selectProjects postgres test/api/x.test.ts`: Jest's command line reads the path as one
 * more project name (and would run the whole project); take such values as the files to run.
 */
function filesGivenAsProjects(argv = process.argv) {
  const at = argv.indexOf('--selectProjects');
  if (at < 0) return [];
  const values = [];
  for (let i = at + 1; i < argv.length && !argv[i].startsWith('-'); i++) values.push(argv[i]);
  return values.filter((value) => /[\\/]|\.ts$/.test(value)).map((value) => path.resolve(value));
}

const { TYPESCRIPT_TO_COMMONJS } = require('./api/scripts/swc-options');

const swc = ['@swc/jest', { ...TYPESCRIPT_TO_COMMONJS, sourceMaps: 'inline' }];

const shared = {
  testEnvironment: '<rootDir>/test/jest/environment.js',
  // jose is ESM only: Jest's module system (unlike Node ≥ 20.19's require) cannot load it untransformed.
  transform: { '^.+\\.ts$': swc, '/node_modules/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // The SDK is ESM-style TypeScript: './x.js' in its imports means the source './x.ts'.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Widgets import the SDK by name; inside the repository that means its sources (the `@lastmeter/source` export).
    '^@lastmeter/sdk$': '<rootDir>/sdk/src/index.ts',
    // Deep comparisons that do not tell Node's realm from the test's (see the file).
    '^node:assert/strict$': '<rootDir>/test/jest/assert-strict.js',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Stryker's sandboxes (npm run test:mutation) are copies of the project.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  setupFiles: ['<rootDir>/test/jest/setup.js'],
};

// test/direct: services called in the test's process on a database of its own (no API server).
const DATABASE_TESTS = ['<rootDir>/test/api/**/*.test.ts', '<rootDir>/test/sdk/**/*.test.ts', '<rootDir>/test/direct/**/*.test.ts'];

/** Each project's files, or only the given ones among them. */
function onlyGiven(project) {
  const given = filesGivenAsProjects();
  if (given.length === 0) return project;
  const dirs = project.testMatch.map((glob) => glob.replace('<rootDir>', __dirname).replace(/\/\*\*.*$/, path.sep));
  const mine = given.filter((file) => dirs.some((dir) => file.startsWith(dir) || `${file}${path.sep}` === dir));
  return { ...project, testMatch: mine.length ? mine.map((file) => `${file}${file.endsWith('.ts') ? '' : '/**/*.test.ts'}`) : ['<rootDir>/none-given'] };
}

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 180_000,
  // Three on two cores: suites also wait on browsers, timers and PostgreSQL. Measured on a fresh clone here: 19 m 34 s
  // for .ci/run against 20 m 49 s with two (Jest 1,110 s against 1,177 s).
  maxWorkers: 3,
  globalSetup: '<rootDir>/test/jest/global-setup.js',
  coverageDirectory: '<rootDir>/coverage',
  collectCoverageFrom: ['api/src/**/*.ts', 'sdk/src/**/*.ts', '!**/generated/**', '!api/src/db/migrations/**'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/widgets/**/*.test.ts', '<rootDir>/test/sdk-types/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/jest/setup-embedded.js', ...shared.setupFiles],
    },
    {
      ...shared,
      displayName: 'embedded',
      testMatch: DATABASE_TESTS,
      setupFiles: ['<rootDir>/test/jest/setup-embedded.js', ...shared.setupFiles],
    },
    {
      ...shared,
      displayName: 'postgres',
      testMatch: DATABASE_TESTS,
      setupFiles: ['<rootDir>/test/jest/setup-postgres.js', ...shared.setupFiles],
    },
  ].map(onlyGiven),
};
