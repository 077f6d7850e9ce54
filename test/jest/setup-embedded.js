'use strict';
// Tests of this project run on the embedded database (PGlite); test/support/harness.ts reads this.
process.env.LM_TEST_DB = 'embedded';
