/**
 * The WebSocket constructor for live feeds: the one given to `createClient`,
 * else the global one (browsers, Node 22 and later), else the `ws` package
 * (Node 20, which has no global WebSocket), loaded on first use. `ws` is an
 * optional peer dependency: browsers never load it, and bundlers leave it out.
 */
import { ClientErrorCode, LastmeterError } from './errors.ts';

let loadingWs: Promise<unknown> | undefined;

/** `given`, or this runtime's WebSocket; rejects with a LastmeterError saying what to install when there is none. */
export function webSocketConstructor(given: unknown): Promise<unknown> {
  if (given) return Promise.resolve(given);
  if (typeof WebSocket !== 'undefined') return Promise.resolve(WebSocket);
  loadingWs ??= loadWs().catch((error: unknown) => {
    loadingWs = undefined; // installed later: the next feed tries again
    throw error;
  });
  return loadingWs;
}

async function loadWs(): Promise<unknown> {
  // Not a literal, so that bundlers do not pull `ws` (Node only) into browser bundles.
  const specifier = 'ws';
  let loaded: { default?: unknown; WebSocket?: unknown };
  try {
    loaded = await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
  } catch {
    throw new LastmeterError({
      code: ClientErrorCode.NETWORK_ERROR,
      message: 'No WebSocket here (Node 20 has none built in): install the ws package (npm i ws), or pass webSocketImpl to createClient.',
    });
  }
  return loaded.default ?? loaded.WebSocket;
}
