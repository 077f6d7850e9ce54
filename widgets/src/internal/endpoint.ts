/**
 * Where the widgets talk to: by default the origin the bundle itself was loaded
 * from, so `<script type="module" src="https://api.example/widgets/lastmeter-widgets.js">`
 * is all a portal needs.
 */

/** The GraphQL HTTP URL: the `endpoint` attribute (absolute or relative to the bundle), else `/graphql` beside the bundle. */
export function resolveEndpoint(endpoint?: string | null): string {
  return new URL(endpoint || '/graphql', import.meta.url).href;
}

/** The graphql-ws URL on the same host and path. */
export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
