/**
 * The staff console's page at `/console/` (issue 17): one `<lm-workbench>` from
 * the console bundle. Its language follows the browser's preference
 * (Accept-Language: English when English comes before Chinese), and `?lang=en`
 * or `?lang=zh-CN` overrides it. Served with a nonce-based Content-Security-Policy
 * that keeps it to this origin and lets no other site frame it; never cached, so
 * a fresh nonce each time. With MAP_TILE_URL the page names the tile template
 * (a meta element the region page reads) and lets images come from its origin.
 */
import { Router, type Request } from 'express';
import { CONSOLE_PATH } from './start-banner';
import { demoPortalPolicy, servedPageHeaders } from './demo-portal';
import { CONSOLE_BUNDLE_PATH } from './static-assets';

export type ConsoleLang = 'zh-CN' | 'en';

/** `?lang=` when it names a language we have, else the browser's first preference that we have, else Simplified Chinese. */
export function consoleLang(req: Pick<Request, 'query' | 'headers'>): ConsoleLang {
  const asked = typeof req.query.lang === 'string' ? req.query.lang.toLowerCase() : '';
  if (asked.startsWith('en')) return 'en';
  if (asked.startsWith('zh')) return 'zh-CN';
  const preferences = String(req.headers['accept-language'] ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of preferences) {
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('zh')) return 'zh-CN';
  }
  return 'zh-CN';
}

const TITLE: Record<ConsoleLang, string> = { 'zh-CN': 'Lastmeter 网格工作台', en: 'Lastmeter staff console' };

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function consolePageHtml(lang: ConsoleLang, nonce: string, mapTileUrl?: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${TITLE[lang]}</title>
${mapTileUrl ? `<meta name="lastmeter-map-tiles" content="${escapeAttribute(mapTileUrl)}">\n` : ''}<style nonce="${nonce}">html { color-scheme: light dark; } body { margin: 0; }</style>
<script type="module" nonce="${nonce}" src="${CONSOLE_BUNDLE_PATH}"></script>
</head>
<body>
<lm-workbench></lm-workbench>
</body>
</html>
`;
}

/** The console's policy: the portal page's, plus images from the tile server's origin when there is one. */
function consolePolicy(nonce: string, mapTileUrl?: string): string {
  const policy = demoPortalPolicy(nonce);
  if (!mapTileUrl) return policy;
  // The template's placeholders are not valid in a URL's host: only its origin is named.
  const origin = new URL(mapTileUrl.replace(/\{[xyz]\}/g, '0')).origin;
  return policy.replace("img-src 'self' data:", `img-src 'self' data: ${origin}`);
}

export function consolePage(mapTileUrl?: string): Router {
  // Strict: `/console` (redirected) and `/console/` (the page) are different routes.
  const router = Router({ strict: true });
  router.get(CONSOLE_PATH.replace(/\/$/, ''), (req, res) => res.redirect(301, CONSOLE_PATH));
  router.get(CONSOLE_PATH, (req, res) => {
    const { nonce, headers } = servedPageHeaders((n) => consolePolicy(n, mapTileUrl));
    res.set({ ...headers, Vary: 'Accept-Language' });
    res.status(200).send(consolePageHtml(consoleLang(req), nonce, mapTileUrl));
  });
  return router;
}
