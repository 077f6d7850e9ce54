'use strict';
// type-graphql and MikroORM read decorator metadata through this polyfill.
require('reflect-metadata');
