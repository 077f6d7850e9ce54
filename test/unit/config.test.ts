import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../api/src/config';

describe('configuration', () => {
  it('has safe defaults: embedded database, in-process pub/sub, demo seeded, port 4000 on loopback', () => {
    const c = loadConfig({});
    assert.equal(c.port, 4000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.redisUrl, undefined);
    assert.equal(c.seedDemo, true);
    assert.equal(c.adminUsername, 'admin');
    assert.equal(c.production, false);
    assert.ok(c.dataDir.endsWith('data'));
  });

  it('does not seed the demo on a real server unless asked', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).seedDemo, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: '1' }).seedDemo, true);
  });

  it('refuses production without JWT_SECRET or ADMIN_PASSWORD, saying what to set', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'long-password' }), (e: Error) => e instanceof ConfigError && /JWT_SECRET/.test(e.message));
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }),
      (e: Error) => e instanceof ConfigError && /ADMIN_PASSWORD/.test(e.message),
    );
    const ok = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'long-password', DATABASE_URL: 'postgres://u@h/db' });
    assert.equal(ok.production, true);
    assert.equal(ok.introspection, false);
    assert.equal(ok.seedDemo, false);
  });

  it('refuses malformed values with the variable named', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x/y' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ REDIS_URL: 'not a url' }), /REDIS_URL/);
    assert.throws(() => loadConfig({ JWT_SECRET: 'short' }), /JWT_SECRET/);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
    assert.throws(() => loadConfig({ SEED_DEMO: 'maybe' }), /SEED_DEMO/);
    assert.throws(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'long-password', SEED_DEMO: '1' }), /SEED_DEMO/);
  });
});
