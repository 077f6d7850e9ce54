'use strict';
/**
 * The Jest configuration Stryker runs (`npm run test:mutation`): the embedded project only, and only
 * the tests that guard the mutated modules, so one mutant costs seconds rather than the whole suite.
 * LM_MUTATION_TESTS (comma-separated paths) narrows it further for one module's run;
 * LM_MUTATION_DB=postgres runs them on the PostgreSQL server instead (tests that need two sessions).
 */
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const database = process.env.LM_MUTATION_DB === 'postgres' ? 'postgres' : 'embedded';
const embeddedProject = require('../../jest.config.js').projects.find((project) => project.displayName === database);

/** The project with '<rootDir>' spelt out: Stryker's environment wrapper resolves the environment path itself. */
function withRoot(value) {
  if (typeof value === 'string') return value.replace('<rootDir>', root);
  if (Array.isArray(value)) return value.map(withRoot);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRoot(v)]));
  return value;
}
const embedded = withRoot(embeddedProject);

const GUARDS = [
  'test/direct/event-append.test.ts',
  'test/direct/overdue-sweeper.test.ts',
  'test/direct/report-intake.test.ts',
  'test/direct/stats.test.ts',
  'test/unit/issue-workflow.test.ts',
  'test/unit/workflow-permissions.test.ts',
  'test/unit/scope-policy.test.ts',
  'test/unit/token.test.ts',
  'test/unit/tracking-code-and-report-input.test.ts',
  'test/api/scope-sql-agrees.test.ts',
  'test/api/event-append.test.ts',
  'test/api/issue-lifecycle.test.ts',
  'test/api/issue-transitions-refused.test.ts',
  'test/api/report-and-track.test.ts',
  'test/api/overdue-sweep.test.ts',
  'test/api/overdue-race.test.ts',
  'test/api/issue-stats.test.ts',
  'test/api/stats-rollup.test.ts',
  'test/api/stats-clock.test.ts',
  'test/api/permissions-matrix.test.ts',
];

const chosen = process.env.LM_MUTATION_TESTS ? process.env.LM_MUTATION_TESTS.split(',') : GUARDS;

/** @type {import('jest').Config} */
module.exports = {
  ...embedded,
  rootDir: root,
  displayName: undefined,
  testTimeout: 180_000,
  testMatch: chosen.map((file) => path.join(root, file.trim())),
};
