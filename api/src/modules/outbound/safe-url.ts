/**
 * The SSRF guard of outbound HTTP. A webhook may point only at public unicast
 * addresses: loopback, link-local (cloud metadata at 169.254.169.254), private,
 * carrier-grade NAT, multicast and reserved ranges are refused, unless
 * WEBHOOK_ALLOW_PRIVATE=1 (a city's own intranet, tests). The check runs when a
 * webhook is created and again on every connection, on the address actually
 * connected to ({@link guardedLookup}), so a name that later resolves to a
 * private address (DNS rebinding) is refused too.
 */
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** Is this IP address (v4 or v6, v4-mapped v6 included) an ordinary public unicast address? */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}

/** Parses a webhook URL: http(s) only, no credentials in it. Throws UnsafeUrlError with a reason. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeUrlError('must start with http:// or https://');
  if (url.username || url.password) throw new UnsafeUrlError('must not carry a user name or password');
  return url;
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Refuses a URL whose host is, or resolves to, a non-public address (unless allowPrivate). */
export async function assertPublicUrl(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = bareHost(url);
  const addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new UnsafeUrlError(`host ${host} does not resolve`);
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused) throw new UnsafeUrlError(`host ${host} is a loopback, link-local or private address (${refused}); set WEBHOOK_ALLOW_PRIVATE=1 to allow it`);
}

/** Refuses an IP-literal host that is not public; names are checked when connecting ({@link guardedLookup}). */
export function assertPublicLiteral(url: URL, allowPrivate: boolean): void {
  const host = bareHost(url);
  if (!allowPrivate && net.isIP(host) && !isPublicAddress(host)) {
    throw new UnsafeUrlError(`host ${host} is a loopback, link-local or private address; set WEBHOOK_ALLOW_PRIVATE=1 to allow it`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses non-public addresses at connect
 * time. IP literals never reach a lookup, so {@link assertPublicUrl} checks
 * those before the request.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as dns.LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (refused) {
        const blocked: NodeJS.ErrnoException = new UnsafeUrlError(`${hostname} resolves to a non-public address (${refused.address})`);
        blocked.code = 'EADDRNOTPUBLIC';
        return callback(blocked, '');
      }
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
