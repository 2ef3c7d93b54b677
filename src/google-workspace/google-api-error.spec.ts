import { classifyGoogleError, GoogleApiError, isRetryable, retryAfterMsOf } from './google-api-error';

function httpError(status: number, data: unknown, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), { status, response: { status, data, headers } });
}

function apiError(status: number, reason: string, message = 'Something'): Error {
  return httpError(status, { error: { code: status, message, errors: [{ reason, message, domain: 'global' }] } });
}

describe(classifyGoogleError.name, () => {
  it.each([
    [400, 'invalid_grant', 'Invalid JWT Signature.', 'key'],
    [401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method', 'delegation'],
    [400, 'invalid_grant', 'Invalid email or User ID', 'delegation'],
    [503, 'backend_error', 'Try again', 'unavailable'],
    [429, 'rate_limited', 'Slow down', 'quota'],
  ])('reads a token endpoint answer %i %s as %s', (status, error, description, kind) => {
    const classified = classifyGoogleError(httpError(status, { error, error_description: description }), 'token');
    expect(classified.kind).toBe(kind);
    expect(classified.message).toContain(description);
  });

  it.each([
    [429, 'rateLimitExceeded', 'quota'],
    [403, 'rateLimitExceeded', 'quota'],
    [403, 'userRateLimitExceeded', 'quota'],
    [403, 'forbidden', 'permissions'],
    [401, 'authError', 'key'],
    [400, 'badRequest', 'scope'],
    [404, 'notFound', 'scope'],
    [500, 'backendError', 'unavailable'],
    [502, 'backendError', 'unavailable'],
  ])('reads a Directory API answer %i %s as %s', (status, reason, kind) => {
    expect(classifyGoogleError(apiError(status, reason), 'api').kind).toBe(kind);
  });

  it('takes an answer that never came (a refused connection) for Google being unavailable', () => {
    expect(classifyGoogleError(new Error('connect ECONNREFUSED 127.0.0.1:1'), 'api').kind).toBe('unavailable');
  });

  it('retries quota and unavailability only', () => {
    expect(isRetryable(new GoogleApiError('quota', 'q'))).toBe(true);
    expect(isRetryable(new GoogleApiError('unavailable', 'u'))).toBe(true);
    expect(isRetryable(new GoogleApiError('permissions', 'p'))).toBe(false);
  });

  it('reads Retry-After in seconds', () => {
    expect(retryAfterMsOf(httpError(429, {}, { 'retry-after': '3' }))).toBe(3000);
    expect(retryAfterMsOf(httpError(429, {}))).toBeNull();
  });
});
