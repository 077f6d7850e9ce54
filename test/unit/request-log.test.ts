/**
 * Request ids and access logs: the id is the caller's plain
 * `X-Request-Id` or a new UUID, echoed back, on the access line and on every
 * line written while the request runs; the access line is exactly method,
 * path, status, duration and operation — no headers, address, query or body.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import express from 'express';
import { createLogger } from '../../api/src/server/logger';
import { bindRequestScope, noteOperationName, requestIdMiddleware } from '../../api/src/server/request-log';

describe('request ids and access logs', () => {
  const lines: Record<string, unknown>[] = [];
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const app = express();
    app.use(requestIdMiddleware(logger));
    app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
    app.post('/graphql', express.json(), bindRequestScope(), (req, res) => {
      noteOperationName(res, req.body?.operationName);
      logger.info({ step: 'resolving' }, 'inside the request');
      res.json({ data: { ok: true } });
    });
    app.get('/boom', (_req, res) => void res.status(503).json({ errors: [] }));
    app.get('/slow', (_req, res) => void setTimeout(() => res.end('late'), 500));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The access line of a request id, once written (written when the answer has been sent). */
  const accessLine = async (requestId: string) => {
    for (let i = 0; i < 100; i++) {
      const line = lines.find((l) => l.requestId === requestId && l.msg === 'request');
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no access line for ${requestId}`);
  };

  it('keeps a plain X-Request-Id, echoes it, and carries it on every line of the request', async () => {
    const res = await fetch(`${url}/graphql?variables=%7B%22phone%22%3A%2213900000000%22%7D`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'portal-42.abc', authorization: 'Bearer secret-token-value' },
      body: JSON.stringify({ operationName: 'Track', query: '{ ok }', variables: { reporterName: '欧阳测试' } }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), 'portal-42.abc');
    const access = await accessLine('portal-42.abc');
    const { time, durationMs, ...rest } = access;
    assert.equal(typeof time, 'number');
    assert.equal(typeof durationMs, 'number');
    assert.deepEqual(rest, {
      level: 30,
      service: 'lastmeter',
      requestId: 'portal-42.abc',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'Track',
      msg: 'request',
    });
    const inside = lines.find((l) => l.msg === 'inside the request');
    assert.equal(inside?.requestId, 'portal-42.abc', 'a line written by the handler carries the id');
    const all = JSON.stringify(lines);
    for (const secret of ['secret-token-value', '欧阳测试', '13900000000', '127.0.0.1', 'content-type']) {
      assert.ok(!all.includes(secret), `the log must not contain ${secret}`);
    }
  });

  it('replaces a forged or oversized id with a UUID', async () => {
    const res = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'x{"level":60}'.padEnd(150, 'y') } });
    const id = res.headers.get('x-request-id') ?? '';
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal((await accessLine(id)).path, '/healthz');
    const none = await fetch(`${url}/healthz`);
    assert.match(none.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('logs probes at debug and server errors at warn', async () => {
    const probe = await fetch(`${url}/healthz`);
    assert.equal((await accessLine(probe.headers.get('x-request-id')!)).level, 20);
    const failed = await fetch(`${url}/boom`);
    const line = await accessLine(failed.headers.get('x-request-id')!);
    assert.equal(line.level, 40);
    assert.equal(line.status, 503);
    assert.equal(line.err, undefined, 'no error object (with its stack) on the access line');
  });

  it('marks a request the client gave up on before the answer', async () => {
    await assert.rejects(fetch(`${url}/slow`, { headers: { 'x-request-id': 'gave-up-1' }, signal: AbortSignal.timeout(50) }));
    const line = await accessLine('gave-up-1');
    assert.equal(line.aborted, true);
    assert.equal(line.path, '/slow');
    const finished = await fetch(`${url}/healthz`);
    assert.equal((await accessLine(finished.headers.get('x-request-id')!)).aborted, undefined);
  });
});
