'use strict';
/**
 * Before any test: when the run includes the browser tests, a browser must be there.
 * Without one the run stops at once with one line saying how to get one, instead of
 * every browser test failing on its own. And the widget bundle the test servers serve
 * (widgets/dist/lastmeter-widgets.js, built on install) is rebuilt if a widget or SDK
 * source changed since.
 */
const { findChromium, HOW_TO_GET_ONE } = require('../../widgets/scripts/find-chromium');
const widgets = require('../../widgets/scripts/bundle.js');

const BROWSER_TESTS = /test[\\/]widgets[\\/]/;

function runIncludesBrowserTests(globalConfig) {
  if (globalConfig.selectProjects && !globalConfig.selectProjects.includes('unit')) return false;
  const patterns = globalConfig.testPathPatterns?.patterns ?? [];
  if (patterns.length === 0) return true;
  return patterns.some((pattern) => BROWSER_TESTS.test(pattern) || 'test/widgets/'.match(new RegExp(pattern)));
}

module.exports = async function beforeAllTests(globalConfig) {
  if (runIncludesBrowserTests(globalConfig) && !findChromium()) {
    console.error(`\n${HOW_TO_GET_ONE}\n`);
    process.exit(1);
  }
  if (widgets.bundleIsStale()) await widgets.buildBundles();
};
