/**
 * Live messages onto one WebSocket: a writer per socket (backpressure, and
 * `next` messages framed and written in one go) and a channel per
 * subscription (its id around a shared, serialised payload).
 */
import type { Duplex } from 'node:stream';
import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { LiveChannel } from './live-delivery';

/** A socket with less than this waiting in user space takes more messages (Node's default high-water mark). */
const SOCKET_HIGH_WATER_BYTES = 16 * 1024;

/**
 * Writes to one socket. Every write passes the same callback, which wakes
 * the deliveries that waited for the socket to drain: a slow client costs at
 * most about {@link SOCKET_HIGH_WATER_BYTES} here, while its subscriptions'
 * own queues stay bounded (a feed falls back to reading the database).
 *
 * Protocol messages go through `ws`. Live `next` messages are framed here
 * and written to the TCP socket in one write, where `ws` would write a
 * header and the message separately (cork, two writes, writev): about a
 * fifth less CPU per message, which counts when one event goes to thousands
 * of sockets. This is safe beside `ws` as long as it, too, writes whole
 * frames synchronously — it does when no compression is negotiated (the
 * server turns `perMessageDeflate` off) — and nothing is written once `ws`
 * has begun closing the socket.
 */
export class SocketWriter {
  private waiting: (() => void)[] | undefined;

  /** @param tcp the socket under `ws` (the upgrade request's) */
  constructor(
    private readonly socket: WebSocket,
    private readonly tcp: Duplex,
  ) {}

  /** Writable when little is buffered; a socket no longer open takes (and drops) anything. */
  get writable(): boolean {
    return this.socket.readyState !== this.socket.OPEN || this.socket.bufferedAmount < SOCKET_HIGH_WATER_BYTES;
  }

  /** Sends a protocol message; `done` runs once it is written (or dropped: the socket is no longer open). */
  send(text: string, done: (error?: Error) => void): void {
    if (this.socket.readyState !== this.socket.OPEN) return done();
    this.socket.send(text, (error) => {
      done(error);
      this.afterWrite();
    });
  }

  /** Sends the text message `head` + `payload` + `}` (UTF-8), framed here. */
  sendNext(head: string, headBytes: number, payload: Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.tcp.write(textFrame(head, headBytes, payload), this.afterWrite);
  }

  /** Calls `wake` once the socket is writable again. */
  whenWritable(wake: () => void): void {
    (this.waiting ??= []).push(wake);
  }

  /** Also given to pings, so that everything buffered on this socket leads back here. */
  readonly afterWrite = (): void => {
    if (!this.waiting || !this.writable) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    for (const wake of waiting) wake();
  };
}

const FIN_TEXT = 0x81;
const CLOSING_BRACE = 0x7d;

/** One unmasked WebSocket text frame (RFC 6455 §5.2, as servers send them) carrying `head` + `payload` + `}`. */
export function textFrame(head: string, headBytes: number, payload: Buffer): Buffer {
  const length = headBytes + payload.length + 1;
  const lengthBytes = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const frame = Buffer.allocUnsafe(2 + lengthBytes + length);
  frame[0] = FIN_TEXT;
  if (lengthBytes === 0) {
    frame[1] = length;
  } else if (lengthBytes === 2) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  const start = 2 + lengthBytes;
  frame.write(head, start, 'utf8');
  payload.copy(frame, start + headBytes);
  frame[frame.length - 1] = CLOSING_BRACE;
  return frame;
}

/**
 * One subscription's `next` messages, built around a payload serialised once
 * for every subscriber of its share key: only the id is this subscription's.
 */
export class SubscriptionChannel implements LiveChannel {
  /** `{"id":…,"type":"next","payload":` — the message up to the payload. */
  private readonly head: string;
  private readonly headBytes: number;

  constructor(
    private readonly writer: SocketWriter,
    id: string,
    readonly encode: (result: ExecutionResult) => string,
  ) {
    this.head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    this.headBytes = Buffer.byteLength(this.head);
  }

  get writable(): boolean {
    return this.writer.writable;
  }

  sendNext(payload: Buffer): void {
    this.writer.sendNext(this.head, this.headBytes, payload);
  }

  whenWritable(wake: () => void): void {
    this.writer.whenWritable(wake);
  }
}
