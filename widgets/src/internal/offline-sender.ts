/**
 * Sends the moves kept offline (offline-moves.ts) when the browser is back
 * online, one at a time, each with its idempotency key, and tells the page the
 * result of each. One sender per page, however many console elements there are.
 */
import type { LastmeterClient } from '@lastmeter/sdk';
import { errorCodeOf } from './client';
import { forgetMove, isOffline, pendingMoves, type OfflineMove } from './offline-moves';
import { emit } from './events';

export interface SentResult {
  move: OfflineMove;
  ok: boolean;
  /** The error code when the server refused it (the move is then dropped: resending would not help). */
  code?: string;
}

let sending: Promise<void> | undefined;

async function send(client: LastmeterClient, move: OfflineMove): Promise<void> {
  if (move.kind === 'followUp') {
    await client.recordFollowUp({
      id: move.issueId,
      input: { method: move.method as never, satisfaction: move.satisfaction as never, comment: move.comment, idempotencyKey: move.key },
      expectedVersion: move.expectedVersion,
    });
  } else {
    await client.recordVisit({
      input: { gridId: move.gridId, kind: move.visitKind as never, households: move.households, notes: move.notes, idempotencyKey: move.key },
    });
  }
}

/** Sends every kept move once; a move whose send got no answer stays for the next time. */
export function sendPendingMoves(client: LastmeterClient, target: EventTarget): Promise<void> {
  sending ??= (async () => {
    try {
      for (const move of await pendingMoves()) {
        let result: SentResult;
        try {
          await send(client, move);
          result = { move, ok: true };
        } catch (error) {
          if (isOffline(error)) return;
          result = { move, ok: false, code: errorCodeOf(error) };
          // Not signed in: keep it for after the sign-in.
          if (result.code === 'UNAUTHENTICATED') return;
        }
        await forgetMove(move.key);
        (target as HTMLElement).dispatchEvent?.(new CustomEvent('lm-move-sent', { detail: result, bubbles: true, composed: true }));
      }
    } finally {
      sending = undefined;
    }
  })();
  return sending;
}
