/**
 * Live `next` messages written beside `ws`: frames of every length class
 * arrive intact and in order with `ws`'s own messages, and a delivery that
 * waits for a full socket is woken once it drains.
 */
import assert from 'node:assert/strict';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import WebSocket, { WebSocketServer } from 'ws';
import { SocketWriter, SubscriptionChannel } from '../../api/src/modules/realtime/socket-channel';

describe('live messages on a socket', () => {
  let wss: WebSocketServer;
  let writer: SocketWriter;
  let channel: SubscriptionChannel;
  let client: WebSocket;
  const received: string[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    const connected = new Promise<void>((resolve) => {
      wss.on('connection', (socket, req) => {
        writer = new SocketWriter(socket, req.socket as Duplex);
        channel = new SubscriptionChannel(writer, 'sub-ü', (result) => JSON.stringify(result));
        resolve();
      });
    });
    await new Promise((resolve) => wss.once('listening', resolve));
    const { port } = wss.address() as { port: number };
    client = new WebSocket(`ws://127.0.0.1:${port}`);
    client.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'a text frame');
      received.push(String(data));
    });
    await connected;
  });
  afterAll(async () => {
    client?.terminate();
    for (const socket of wss.clients) socket.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  const waitFor = async (count: number) => {
    const deadline = Date.now() + 10_000;
    while (received.length < count) {
      assert.ok(Date.now() < deadline, `timed out with ${received.length} of ${count} messages`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('frames payloads of every length (7-bit, 16-bit and 64-bit lengths, multi-byte text) intact and in order', async () => {
    const payloads = [1, 60, 125, 126, 1_000, 65_535, 65_536, 200_000].map((n) => ({ data: { text: '路'.repeat(Math.ceil(n / 3)) } }));
    received.length = 0;
    for (const [i, payload] of payloads.entries()) {
      channel.sendNext(Buffer.from(JSON.stringify(payload)));
      // ws's own messages in between keep their place.
      writer.send(`{"type":"ping","i":${i}}`, () => undefined);
    }
    await waitFor(payloads.length * 2);
    for (const [i, payload] of payloads.entries()) {
      assert.deepEqual(JSON.parse(received[2 * i]), { id: 'sub-ü', type: 'next', payload });
      assert.deepEqual(JSON.parse(received[2 * i + 1]), { type: 'ping', i });
    }
  });

  it('reports a full socket as not writable, and wakes a waiting delivery once it drained', async () => {
    received.length = 0;
    client.pause();
    const big = Buffer.from(JSON.stringify({ data: { text: 'x'.repeat(1_000_000) } }));
    let sent = 0;
    while (channel.writable && sent < 200) {
      channel.sendNext(big);
      sent++;
    }
    assert.equal(channel.writable, false, 'the kernel buffers filled up');
    const woken = new Promise<void>((resolve) => channel.whenWritable(resolve));
    client.resume();
    await woken;
    assert.equal(channel.writable, true);
    await waitFor(sent);
  });
});
