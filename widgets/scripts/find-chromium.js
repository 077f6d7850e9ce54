'use strict';
/**
 * Where the browser for the widget tests and screenshots is: `CHROMIUM_PATH`, then the usual
 * install paths. Nothing is ever downloaded (playwright-core drives a browser that is there).
 */
const fs = require('node:fs');

const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const HOW_TO_GET_ONE =
  'No Chromium for the browser tests: install it (Debian/Ubuntu: `apt-get install -y chromium fonts-noto-cjk`) or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** The browser's path, or undefined when there is none. */
function findChromium() {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) return fs.existsSync(chosen) ? chosen : undefined;
  return USUAL_PATHS.find((candidate) => fs.existsSync(candidate));
}

module.exports = { findChromium, HOW_TO_GET_ONE, USUAL_PATHS };
