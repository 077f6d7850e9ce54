/**
 * A portal of another origin for the widget tests: a tiny HTTP server on its own
 * port that serves pages loading the bundle from the API, exactly as a county
 * portal would with one script tag.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  /** e.g. http://127.0.0.1:43123 — a different origin from the API's. */
  origin: string;
  /** Serves `body` inside a page at `path` (the bundle script tag is added). */
  page(path: string, body: string, options?: { htmlLang?: string | null }): string;
  close(): Promise<void>;
}

export async function startHostPage(apiUrl: string): Promise<HostPage> {
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const page = pages.get((req.url ?? '/').split('?')[0]);
    if (!page) {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, body, { htmlLang = 'zh-CN' } = {}) {
      pages.set(
        path,
        `<!doctype html>
<html${htmlLang === null ? '' : ` lang="${htmlLang}"`}>
<head><meta charset="utf-8"><title>临江市门户（测试）</title>
<script type="module" src="${apiUrl}/widgets/lastmeter-widgets.js"></script></head>
<body><main><h1>临江市门户</h1>${body}</main></body>
</html>`,
      );
      return `${origin}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
