/**
 * GraphQL over HTTP: one POST per operation, answers turned into data or a
 * LastmeterError, failures without an answer (and 5xx) retried with backoff.
 */
import {
  ClientErrorCode,
  firstErrorCode,
  LastmeterError,
  redact,
  redactErrors,
  summarise,
  type GraphQLErrorShape,
  type LastmeterErrorCode,
} from './errors.ts';
import { backoffDelay, sleep, type RetryPolicy } from './retry.ts';

/** What the transport needs from the client, per attempt (so a refreshed token is picked up). */
export interface HttpSettings {
  url: string;
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
  /** Headers for one attempt: the caller's own plus Authorization and X-Portal-Key. */
  headers(): Promise<Record<string, string>>;
  /** Secrets to keep out of error messages. */
  secrets(): ReadonlyArray<string | null | undefined>;
}

/** One operation to send. */
export interface HttpOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Whether sending it twice is harmless (queries, keyed mutations): only then is it retried. */
  idempotent: boolean;
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorShape[];
}

/** HTTP statuses without a GraphQL answer, as the closest contract code. */
function codeForStatus(status: number): LastmeterErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}

async function attempt(settings: HttpSettings, operation: HttpOperation): Promise<Record<string, unknown>> {
  const secrets = settings.secrets();
  const { operationName } = operation;
  let response: Response;
  try {
    response = await settings.fetch(settings.url, {
      method: 'POST',
      headers: await settings.headers(),
      body: JSON.stringify({ query: operation.query, variables: operation.variables ?? {}, ...(operationName ? { operationName } : {}) }),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new LastmeterError({
      code: ClientErrorCode.NETWORK_ERROR,
      message: redact(`No answer from ${settings.url}${operationName ? ` to ${operationName}` : ''}: ${reason}`, secrets),
      operationName,
      cause,
    });
  }
  const text = await response.text().catch(() => '');
  let body: GraphQLBody | undefined;
  try {
    body = text ? (JSON.parse(text) as GraphQLBody) : undefined;
  } catch {
    body = undefined;
  }
  const errors = Array.isArray(body?.errors) ? redactErrors(body.errors, secrets) : [];
  if (errors.length > 0) {
    throw new LastmeterError({
      code: firstErrorCode(errors) ?? codeForStatus(response.status >= 400 ? response.status : 500),
      message: summarise(errors),
      status: response.status,
      graphQLErrors: errors,
      data: body?.data ?? null,
      operationName,
    });
  }
  if (!response.ok || !body || typeof body.data !== 'object' || body.data === null) {
    throw new LastmeterError({
      code: codeForStatus(response.ok ? 500 : response.status),
      message: redact(`HTTP ${response.status} from ${settings.url}${text ? `: ${text.slice(0, 200)}` : ''}`, secrets),
      status: response.status,
      operationName,
    });
  }
  return body.data;
}

/**
 * Sends one operation and resolves to its `data`. Retries network failures and
 * 5xx answers with backoff — only for idempotent operations, since repeating a
 * transition whose answer was lost could apply it twice.
 */
export async function executeHttp(settings: HttpSettings, operation: HttpOperation): Promise<Record<string, unknown>> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(settings, operation);
    } catch (error) {
      const canRetry = operation.idempotent && error instanceof LastmeterError && error.retryable && retry < settings.retry.retries;
      if (!canRetry) throw error;
      await sleep(backoffDelay(retry, settings.retry));
    }
  }
}
