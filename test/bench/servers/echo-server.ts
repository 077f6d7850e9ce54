/** The load generator's own ceiling: a server that answers every request with a fixed body, doing no work. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveParent } from './child-protocol';

const body = Buffer.from(JSON.stringify({ data: { padding: 'x'.repeat(Number(process.env.ECHO_BYTES ?? 100_000)) } }));
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveParent(`http://127.0.0.1:${port}`, async () => {
    server.close();
  });
});
