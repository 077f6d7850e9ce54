'use strict';
/**
 * Jest's Node environment, with one mend: Jest runs each test file in a VM context of its own, but
 * `fetch` is Node's, so `response.json()` made arrays and objects of Node's main realm, which
 * `assert.deepStrictEqual` tells apart from the test's own literals. Here `json()` parses in the
 * test's realm.
 */
const { TestEnvironment } = require('jest-environment-node');

class LastmeterEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const sandbox = this.global;
    const nodeFetch = sandbox.fetch;
    sandbox.fetch = async function fetchInThisRealm(...args) {
      const response = await nodeFetch(...args);
      const text = response.text.bind(response);
      Object.defineProperty(response, 'json', { value: async () => sandbox.JSON.parse(await text()) });
      return response;
    };
  }
}

module.exports = LastmeterEnvironment;
