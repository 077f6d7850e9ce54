/**
 * A bare node:http server answering every request with a fixed body from memory, doing no work: the load
 * generator's own ceiling, and (with ECHO_BODY_FILE, the exact bytes another server answered) the bar the
 * public hot path is measured against.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveParent } from './child-protocol';

const body = process.env.ECHO_BODY_FILE
  ? fs.readFileSync(process.env.ECHO_BODY_FILE)
  : Buffer.from(JSON.stringify({ data: { padding: 'x'.repeat(Number(process.env.ECHO_BYTES ?? 100_000)) } }));
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
