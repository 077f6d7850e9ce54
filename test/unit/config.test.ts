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
    assert.throws(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}.png' }), (e: Error) => e instanceof ConfigError && /MAP_TILE_URL must contain \{z\}, \{x\} and \{y\}/.test(e.message));
    assert.throws(() => loadConfig({ MAP_TILE_URL: 'ftp://tiles.example/{z}/{x}/{y}' }), /MAP_TILE_URL/);
    assert.equal(loadConfig({ MAP_TILE_URL: 'https://t0.example/{z}/{x}/{y}.png' }).mapTileUrl, 'https://t0.example/{z}/{x}/{y}.png');
    assert.equal(loadConfig({}).mapTileUrl, undefined);
    assert.throws(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'long-password', SEED_DEMO: '1' }), /SEED_DEMO/);
  });
});

describe('working time and assessment settings', () => {
  it('default to Asia/Shanghai, 09:00-12:00,13:30-17:30, a due-soon share of 0.8 and weights 30/35/35', () => {
    const c = loadConfig({});
    assert.deepEqual(c.workTime, { timeZone: 'Asia/Shanghai', workingHours: '09:00-12:00,13:30-17:30' });
    assert.equal(c.dueSoonShare, 0.8);
    assert.deepEqual(c.performanceWeights, { response: 30, resolution: 35, satisfaction: 35 });
  });

  it('take valid values and refuse bad ones with a message naming the variable', () => {
    const c = loadConfig({ TIME_ZONE: 'Europe/Berlin', WORKING_HOURS: '08:00-18:00', DUE_SOON_SHARE: '0.5', PERFORMANCE_WEIGHTS: '40/40/20' });
    assert.deepEqual(c.workTime, { timeZone: 'Europe/Berlin', workingHours: '08:00-18:00' });
    assert.equal(c.dueSoonShare, 0.5);
    assert.deepEqual(c.performanceWeights, { response: 40, resolution: 40, satisfaction: 20 });
    for (const [name, value] of [
      ['TIME_ZONE', 'Mars/Olympus'],
      ['WORKING_HOURS', '9-17'],
      ['WORKING_HOURS', '13:00-12:00'],
      ['WORKING_HOURS', '09:00-12:00,11:00-17:00'],
      ['DUE_SOON_SHARE', '1.5'],
      ['PERFORMANCE_WEIGHTS', '30/30/30'],
      ['PERFORMANCE_WEIGHTS', '50/50'],
    ]) {
      assert.throws(() => loadConfig({ [name]: value }), (err: unknown) => err instanceof ConfigError && err.message.includes(name), `${name}=${value}`);
    }
  });
});
