/**
 * The photos of a pending report, kept on the device (IndexedDB: pictures are too big for
 * localStorage) under the pending report's own key, so a report resent after the network
 * came back — or after a reload — goes whole, photos included. Uploads are idempotent (the
 * same bytes give the same photo id) and the report's idempotency key makes one issue:
 * resending any number of times files it exactly once.
 */
const DB = 'lastmeter';
const STORE = 'pending-photos';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  try {
    const db = await open();
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).finally(() => db.close());
  } catch {
    return undefined; // IndexedDB unavailable (private mode, sandboxed frame): the page's memory still has them
  }
}

export const savePendingPhotos = (key: string, photos: readonly Blob[]) => run('readwrite', (s) => s.put([...photos], key));
export const loadPendingPhotos = async (key: string): Promise<Blob[]> => ((await run<Blob[]>('readonly', (s) => s.get(key))) ?? []);
export const clearPendingPhotos = (key: string) => run('readwrite', (s) => s.delete(key));
