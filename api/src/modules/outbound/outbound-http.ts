/**
 * One outbound POST: a time limit on the whole exchange (WEBHOOK_TIMEOUT_MS,
 * 10 s), redirects never followed (node:http does not follow them; a 3xx is a
 * failed attempt), the SSRF guard on every connection, keep-alive agents so a
 * busy receiver costs no handshake per event, and at most 64 KB of the answer read.
 */
import http from 'node:http';
import https from 'node:https';
import { assertPublicLiteral, guardedLookup } from './safe-url';

export interface PostResult {
  status: number;
  /** The start of the answer (robots put their errcode here). */
  body: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

export class OutboundHttp {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16 });

  constructor(private readonly options: { timeoutMs: number; allowPrivate: boolean }) {}

  /** Resolves with the answer's status (any status), rejects on network errors, refusals and the time limit. */
  async post(rawUrl: string, body: string, headers: Record<string, string>): Promise<PostResult> {
    const url = new URL(rawUrl);
    assertPublicLiteral(url, this.options.allowPrivate);
    const secure = url.protocol === 'https:';
    return new Promise<PostResult>((resolve, reject) => {
      const request = (secure ? https : http).request(url, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        lookup: guardedLookup(this.options.allowPrivate) as never,
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'user-agent': 'Lastmeter-Webhooks/1', ...headers },
      });
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      request.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.once('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.once('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES) });
        });
        response.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
