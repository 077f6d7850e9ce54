/**
 * Waiting for a writable to take what was written: the bound on an export's
 * memory. Stops with ClientClosed when the response is gone, so an abandoned
 * download does not wait forever.
 */
import type { Writable } from 'node:stream';

export class ClientClosed extends Error {
  constructor() {
    super('The client closed the download.');
  }
}

/** Resolves once `stream` has taken what it holds; rejects with ClientClosed if `response` closes first. */
export async function drained(stream: Writable, response: Writable): Promise<void> {
  while (stream.writableNeedDrain) {
    if (response.destroyed) throw new ClientClosed();
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        response.removeListener('close', onClose);
        resolve();
      };
      const onClose = () => {
        stream.removeListener('drain', onDrain);
        reject(new ClientClosed());
      };
      stream.once('drain', onDrain);
      response.once('close', onClose);
    });
  }
}
