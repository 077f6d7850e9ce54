/**
 * `uploadPhoto`: one picture to the API's `POST /uploads`, from a browser (a File or Blob)
 * or Node (a Buffer, an ArrayBuffer or any typed array). The server decides the type from
 * the bytes, so the body goes as it is. Same bytes, same photo: a retry after a lost answer
 * gives the same id back, so network failures and 5xx answers are retried like queries.
 */
import { ClientErrorCode, firstErrorCode, LastmeterError, redact, redactErrors, summarise, type GraphQLErrorShape } from './errors.ts';
import { backoffDelay, sleep, type RetryPolicy } from './retry.ts';

/** What `uploadPhoto` accepts: a browser File or Blob, a Node Buffer, an ArrayBuffer or a typed array. */
export type PhotoSource = Blob | ArrayBuffer | ArrayBufferView;

/** The stored photo: attach `id` with `reportIssue({ input: { photoIds } })` or `addIssuePhotos`. */
export interface UploadedPhoto {
  id: string;
  /** Size after re-encoding (at most 2048 px on the longest side), orientation applied. */
  width: number;
  height: number;
  bytes: number;
  /** Where the camera says the picture was taken, when it says so; offered once, never stored. */
  suggestedLocation?: { latitude: number; longitude: number };
}

export interface UploadSettings {
  url: string;
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
  headers(): Promise<Record<string, string>>;
  secrets(): ReadonlyArray<string | null | undefined>;
}

/** `…/graphql` → `…/uploads` (the same origin and path prefix). */
export function uploadUrlFor(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql\/?(\?.*)?$/, '/uploads');
}

function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}

function toBody(source: PhotoSource): { body: BodyInit; type: string } {
  if (typeof Blob !== 'undefined' && source instanceof Blob) return { body: source, type: source.type || 'application/octet-stream' };
  if (source instanceof ArrayBuffer) return { body: new Uint8Array(source), type: 'application/octet-stream' };
  if (ArrayBuffer.isView(source)) {
    return { body: new Uint8Array(source.buffer as ArrayBuffer, source.byteOffset, source.byteLength), type: 'application/octet-stream' };
  }
  throw new LastmeterError({ code: 'BAD_USER_INPUT', message: 'uploadPhoto takes a Blob or File, a Buffer, an ArrayBuffer or a typed array.' });
}

async function attempt(settings: UploadSettings, source: PhotoSource): Promise<UploadedPhoto> {
  const secrets = settings.secrets();
  const { body, type } = toBody(source);
  const headers: Record<string, string> = { ...(await settings.headers()), 'content-type': type };
  delete headers.accept;
  let response: Response;
  try {
    response = await settings.fetch(settings.url, { method: 'POST', headers, body });
  } catch (cause) {
    throw new LastmeterError({
      code: ClientErrorCode.NETWORK_ERROR,
      message: redact(`No answer from ${settings.url}: ${cause instanceof Error ? cause.message : String(cause)}`, secrets),
      operationName: 'uploadPhoto',
      cause,
    });
  }
  const text = await response.text().catch(() => '');
  let parsed: { errors?: GraphQLErrorShape[] } & Partial<UploadedPhoto> = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = {};
  }
  if (response.status === 201 && typeof parsed.id === 'string') return parsed as UploadedPhoto;
  const errors = Array.isArray(parsed.errors) ? redactErrors(parsed.errors, secrets) : [];
  throw new LastmeterError({
    code: firstErrorCode(errors) ?? codeForStatus(response.status >= 400 ? response.status : 500),
    message: errors.length ? summarise(errors) : redact(`HTTP ${response.status} from ${settings.url}${text ? `: ${text.slice(0, 200)}` : ''}`, secrets),
    status: response.status,
    graphQLErrors: errors,
    operationName: 'uploadPhoto',
  });
}

export async function uploadPhoto(settings: UploadSettings, source: PhotoSource): Promise<UploadedPhoto> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(settings, source);
    } catch (error) {
      if (!(error instanceof LastmeterError && error.retryable && retry < settings.retry.retries)) throw error;
      await sleep(backoffDelay(retry, settings.retry));
    }
  }
}
