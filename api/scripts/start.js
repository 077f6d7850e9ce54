'use strict';
// `npm start`: the API with the embedded database and the demo city by default.
require('./register');
require('../src/main.ts');
