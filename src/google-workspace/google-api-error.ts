/** What a failed call to Google says about the setup; Test connection reports the first that failed. */
export type GoogleFailureKind = 'key' | 'delegation' | 'scope' | 'permissions' | 'quota' | 'unavailable';

/** A call to Google that failed, classified, with Google's own message and the advice an admin needs. */
export class GoogleApiError extends Error {
  override readonly name = 'GoogleApiError';

  constructor(
    readonly kind: GoogleFailureKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** Google's reasons for a 403 that only asks the caller to slow down. */
const QUOTA_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

interface GoogleErrorBody {
  error?: string | { code?: number; message?: string; errors?: { reason?: string; message?: string }[] };
  error_description?: string;
}

interface HttpFailure {
  status?: number;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: Headers | Record<string, string> };
}

/** Whether the call may succeed if made again later: a quota answer, 429, or a server error. */
export function isRetryable(error: GoogleApiError): boolean {
  return error.kind === 'quota' || error.kind === 'unavailable';
}

/** Seconds the answer asks to wait (Retry-After), if it says. */
export function retryAfterMsOf(error: unknown): number | null {
  const headers = (error as HttpFailure).response?.headers;
  const value = headers instanceof Headers ? headers.get('retry-after') : headers?.['retry-after'];
  const seconds = Number(value);
  return value && Number.isFinite(seconds) ? seconds * 1000 : null;
}

/**
 * Classifies what the token endpoint or the Directory API answered. The token endpoint's answers are OAuth errors
 * (`invalid_grant: Invalid JWT Signature.` for a key Google no longer knows, `unauthorized_client` for a client
 * without domain-wide delegation of these scopes); the API's are its JSON error bodies.
 */
export function classifyGoogleError(error: unknown, context: 'token' | 'api'): GoogleApiError {
  if (error instanceof GoogleApiError) return error;
  const failure = error as HttpFailure;
  const status = failure.response?.status ?? failure.status ?? null;
  const body = (failure.response?.data ?? {}) as GoogleErrorBody;
  if (context === 'token') return classifyTokenError(status, body, failure.message ?? String(error));
  const detail = typeof body.error === 'object' ? body.error : undefined;
  const message = detail?.message ?? failure.message ?? String(error);
  const reasons = (detail?.errors ?? []).map((item) => item.reason ?? '');
  if (status === 429 || reasons.some((reason) => QUOTA_REASONS.has(reason))) {
    return new GoogleApiError('quota', `Google's quota was exceeded: ${message}`, status);
  }
  if (status === null || status >= 500)
    return new GoogleApiError('unavailable', `Google's Directory API did not answer: ${message}`, status);
  if (status === 401) return new GoogleApiError('key', `Google refused the access token: ${message}`, status);
  if (status === 403) {
    return new GoogleApiError(
      'permissions',
      `The impersonated admin may not read the directory (${message}): give them the Users and Groups read privileges`,
      status,
    );
  }
  return new GoogleApiError('scope', `Google did not find what the setup names (${status}: ${message})`, status);
}

function classifyTokenError(status: number | null, body: GoogleErrorBody, message: string): GoogleApiError {
  const code = typeof body.error === 'string' ? body.error : '';
  const description = body.error_description ?? message;
  if (status !== null && status >= 500)
    return new GoogleApiError('unavailable', `Google's token endpoint did not answer: ${description}`, status);
  if (status === 429) return new GoogleApiError('quota', `Google's token endpoint asks to slow down: ${description}`, status);
  if (code === 'unauthorized_client' || code === 'access_denied') {
    return new GoogleApiError(
      'delegation',
      `Domain-wide delegation is not granted to this service account for the directory scopes (${code}: ${description})`,
      status,
    );
  }
  if (code === 'invalid_grant' && /signature|key/i.test(description)) {
    return new GoogleApiError(
      'key',
      `Google does not accept this service account key (${code}: ${description}): upload a current key`,
      status,
    );
  }
  if (code === 'invalid_grant') {
    return new GoogleApiError('delegation', `Google refused to act as the admin to impersonate (${code}: ${description})`, status);
  }
  if (status === null) return new GoogleApiError('unavailable', `Google's token endpoint could not be reached: ${description}`, status);
  return new GoogleApiError('key', `Google refused the service account's token request (${code || status}: ${description})`, status);
}
