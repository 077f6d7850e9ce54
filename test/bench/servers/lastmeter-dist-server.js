'use strict';
/**
 * The Lastmeter API as production runs it (`npm start`): the compiled api/dist,
 * with no TypeScript loader in the process. lastmeter-server.ts runs the
 * sources through @swc-node/register, which keeps the TypeScript compiler and
 * the source maps in memory (≈ 80 MB of RSS the production process never
 * has), so memory figures are measured here. Plain JavaScript, so the
 * protocol of child-protocol.ts (ready, stats, stop) is spoken here directly.
 */
const path = require('node:path');

const DIST = path.resolve(__dirname, '../../../api/dist');
require('reflect-metadata');
const { loadConfig } = require(path.join(DIST, 'config'));
const { startServer } = require(path.join(DIST, 'server/http'));

(async () => {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0', NODE_ENV: 'production' });
  const server = await startServer(config);
  const send = (message) => process.send && process.send(message);
  process.on('message', async (message) => {
    if (message.type === 'stats') {
      if (message.gc && typeof global.gc === 'function') global.gc();
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage();
      send({ type: 'stats', id: message.id, statements: 0, rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, arrayBuffers: mem.arrayBuffers, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message.type === 'stop') {
      await server.close().catch(() => undefined);
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: `${server.url}/graphql` });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
