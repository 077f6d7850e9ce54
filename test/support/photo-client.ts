/** Uploads to a test server's POST /uploads, raw or multipart. */
export interface UploadResponse {
  status: number;
  body: any;
  headers: Headers;
}

export async function upload(
  baseUrl: string,
  bytes: Uint8Array,
  options: { token?: string; portalKey?: string; origin?: string; multipart?: boolean; contentType?: string } = {},
): Promise<UploadResponse> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.portalKey) headers['x-portal-key'] = options.portalKey;
  if (options.origin) headers.origin = options.origin;
  let body: BodyInit;
  if (options.multipart) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
    body = form;
  } else {
    headers['content-type'] = options.contentType ?? 'image/jpeg';
    body = new Uint8Array(bytes);
  }
  const res = await fetch(`${baseUrl}/uploads`, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
