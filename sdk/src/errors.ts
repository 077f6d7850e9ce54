/**
 * One error class for every failure the SDK reports: GraphQL errors, HTTP
 * errors, dropped connections. Secrets never reach its message.
 */
import { ErrorCode } from './generated/error-codes.ts';

/** Codes the SDK assigns itself, when the server gave none. */
export const ClientErrorCode = {
  /** No answer came: the network failed, the socket dropped, the server was unreachable. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** A paginated list answered the same cursor twice: walking on would loop for ever. */
  CURSOR_NOT_ADVANCING: 'CURSOR_NOT_ADVANCING',
} as const;

/** A code the SDK assigns itself (see {@link ClientErrorCode}). */
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * `LastmeterError.code`: the server's `extensions.code` (one of {@link ErrorCode}
 * for the Lastmeter API), or a {@link ClientErrorCode}. Other strings are possible
 * when a proxy or a newer server answers, so switch with a default branch.
 */
export type LastmeterErrorCode = ErrorCode | ClientErrorCode | (string & {});

/** One GraphQL error as the server sent it (with secrets redacted from its message). */
export interface GraphQLErrorShape {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

/** What a {@link LastmeterError} is made of. */
export interface LastmeterErrorInit {
  code: LastmeterErrorCode;
  message: string;
  /** HTTP status; 0 when no HTTP answer came (network failure, WebSocket). */
  status?: number;
  graphQLErrors?: readonly GraphQLErrorShape[];
  /** Whatever data the server returned beside the errors. */
  data?: unknown;
  /** The GraphQL operation that failed, when known. */
  operationName?: string;
  /** The WebSocket close code, when a subscription's socket was closed. */
  closeCode?: number;
  cause?: unknown;
}

/**
 * Every failure of a Lastmeter SDK call. Switch on `code`:
 * `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `BAD_USER_INPUT`, `CONFLICT`
 * (illegal transition or stale `expectedVersion`), `RATE_LIMITED`, …,
 * or `NETWORK_ERROR` when no answer came.
 */
export class LastmeterError extends Error {
  /** The GraphQL `extensions.code` of the first error, or a {@link ClientErrorCode}. */
  readonly code: LastmeterErrorCode;
  /** HTTP status of the answer; 0 when there was none. */
  readonly status: number;
  /** Every GraphQL error of the answer (empty for network failures). */
  readonly graphQLErrors: readonly GraphQLErrorShape[];
  /** Partial data returned beside the errors, if any. */
  readonly data: unknown;
  /** The operation that failed, when known (e.g. `AcceptIssue`). */
  readonly operationName: string | undefined;
  /** The WebSocket close code, for subscriptions closed by the server. */
  readonly closeCode: number | undefined;

  constructor(init: LastmeterErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'LastmeterError';
    this.code = init.code;
    this.status = init.status ?? 0;
    this.graphQLErrors = init.graphQLErrors ?? [];
    this.data = init.data ?? null;
    this.operationName = init.operationName;
    this.closeCode = init.closeCode;
  }

  /** True for failures worth retrying: no answer at all, or a 5xx answer. */
  get retryable(): boolean {
    return this.code === ClientErrorCode.NETWORK_ERROR || this.status >= 500;
  }
}

/** True when `error` is a {@link LastmeterError} (also across bundles that each carry the SDK). */
export function isLastmeterError(error: unknown): error is LastmeterError {
  return error instanceof LastmeterError || (error instanceof Error && error.name === 'LastmeterError' && 'code' in error);
}

const REDACTED = '[redacted]';
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]+/g;

/**
 * Removes the given secrets, bearer tokens and anything shaped like a JWT from
 * a text, so error messages can be logged safely.
 */
export function redact(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result.replace(BEARER, `$1${REDACTED}`).replace(JWT, REDACTED);
}

/** The same GraphQL errors with secrets redacted from their messages. */
export function redactErrors(errors: readonly GraphQLErrorShape[], secrets: ReadonlyArray<string | null | undefined>): GraphQLErrorShape[] {
  return errors.map((error) => ({ ...error, message: redact(String(error.message), secrets) }));
}

/** The code of the first GraphQL error that carries one. */
export function firstErrorCode(errors: readonly GraphQLErrorShape[]): string | undefined {
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A one-line message for a list of GraphQL errors. */
export function summarise(errors: readonly GraphQLErrorShape[]): string {
  if (errors.length === 0) return 'The server answered with an error.';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return `${errors[0].message}${more}`;
}

export { ErrorCode };
