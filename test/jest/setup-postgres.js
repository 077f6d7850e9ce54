'use strict';
// Tests of this project run on the PostgreSQL server (LM_TEST_POSTGRES_URL, default 127.0.0.1:5432).
process.env.LM_TEST_DB = 'postgres';
