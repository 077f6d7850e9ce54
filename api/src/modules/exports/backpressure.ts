/**
 * Waiting for a writable to take what was written: the bound on an export's
 * memory. Also for the readable-stream 2 PassThrough archiver puts in front of
 * a zip entry, which has no `writableNeedDrain` getter (Node ≥ 15 only): its
 * `_writableState.needDrain` is read instead. Stops with ClientClosed when the
 * response is gone, so an abandoned download does not wait forever.
 */
import type { Writable } from 'node:stream';

export class ClientClosed extends Error {
  constructor() {
    super('The client closed the download.');
  }
}

export interface DrainableLike {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
  once(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

/** Whether a writable holds more than its high-water mark. */
export function needsDrain(stream: DrainableLike): boolean {
  const need = stream.writableNeedDrain ?? stream._writableState?.needDrain;
  if (need === undefined) throw new Error('export: a stream does not tell whether it needs to drain (exceljs or archiver changed).');
  return need;
}

/** Resolves once `stream` has taken what it holds; rejects with ClientClosed if `response` closes first. */
export async function drained(stream: DrainableLike, response: Writable): Promise<void> {
  while (needsDrain(stream)) {
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
