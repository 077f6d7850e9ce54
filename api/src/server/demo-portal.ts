/**
 * The demo portal page at `/`, served only where the demo city is seeded
 * (never in production), with headers that keep it to itself:
 *  - a Content-Security-Policy whose scripts and styles need this response's
 *    nonce (no inline code injected into the page could run), that talks to
 *    this origin only, and that no other site may frame (`frame-ancestors`);
 *  - `Referrer-Policy: no-referrer`, so tracking codes never leak in a Referer.
 * A fresh nonce per response means the page is never cached.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import type { Logger } from './logger';
import { DEMO_PORTAL_FILE, DEMO_PORTAL_PATH } from './static-assets';

/** The policy of the demo page; `nonce` is fresh for every response. */
export function demoPortalPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    // The widgets' live feeds: WebSocket to this origin ('self' covers ws: and wss: of it in CSP 3).
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Gives every inline or external <script> and <style> of the page the nonce. */
/** The headers of a page the API serves itself (demo portal, console): a fresh nonce for its CSP, never framed elsewhere or cached. */
export function servedPageHeaders(policy: (nonce: string) => string = demoPortalPolicy): { nonce: string; headers: Record<string, string> } {
  const nonce = randomBytes(16).toString('base64');
  return {
    nonce,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': policy(nonce),
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'SAMEORIGIN',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  };
}

export function withNonce(html: string, nonce: string): string {
  return html.replace(/<(script|style)\b(?![^>]*\bnonce=)/gi, `<$1 nonce="${nonce}"`);
}

export function demoPortal(logger: Logger): Router {
  const router = Router();
  let page: Promise<string> | undefined;
  router.get(DEMO_PORTAL_PATH, (_req, res) => {
    page ??= readFile(DEMO_PORTAL_FILE, 'utf8');
    page.then(
      (html) => {
        const { nonce, headers } = servedPageHeaders();
        res.set(headers);
        res.status(200).send(withNonce(html, nonce));
      },
      (error: unknown) => {
        page = undefined;
        logger.error({ err: error }, 'could not serve the demo portal');
        res.status(503).type('text/plain').send('The demo portal is not available right now.');
      },
    );
  });
  return router;
}
