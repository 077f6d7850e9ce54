/**
 * Moves made with no signal (a return visit at a door, a visit in a village),
 * kept in IndexedDB with their idempotency key until the phone is back online,
 * then sent — exactly once, because the API answers a resent key with what the
 * first send recorded. Each kept move is deleted only after the server answered.
 */
import { randomId } from './ids';

export type OfflineMove =
  | { kind: 'followUp'; key: string; what: string; issueId: string; method: string; satisfaction: string; comment: string | null; expectedVersion: number }
  | { kind: 'visit'; key: string; what: string; gridId: string; visitKind: string; households: number | null; notes: string | null };

type NewMove = OfflineMove extends infer M ? (M extends OfflineMove ? Omit<M, 'key'> : never) : never;

const DB_NAME = 'lastmeter-console';
const STORE = 'moves';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps a move with a fresh idempotency key; returns it as kept. */
export async function keepMove(move: NewMove): Promise<OfflineMove> {
  const kept = { ...move, key: randomId() } as OfflineMove;
  await run('readwrite', (store) => store.put(kept));
  notify();
  return kept;
}

export function pendingMoves(): Promise<OfflineMove[]> {
  return run('readonly', (store) => store.getAll() as IDBRequest<OfflineMove[]>);
}

export async function forgetMove(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key));
  notify();
}

/** True when a failure means "no answer came" (keep the move), not "the server said no". */
export function isOffline(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'NETWORK_ERROR' || error instanceof TypeError || !navigator.onLine;
}

const listeners = new Set<() => void>();
function notify(): void {
  listeners.forEach((l) => l());
}
export function onMovesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
