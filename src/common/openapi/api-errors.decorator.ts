import { STATUS_CODES } from 'node:http';
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorDetailDto, ErrorResponseDto } from '../errors/error-response.dto';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 429 | 500 | 503;

/** When a route gives this status; `code`, `message` and `details` make its example more telling than the typical one. */
export interface ErrorAnswer {
  description: string;
  code?: string;
  message?: string;
  details?: ErrorDetailDto[];
}

export type ErrorAnswers = Partial<Record<ErrorStatus, string | ErrorAnswer>>;

const EXAMPLE_REQUEST_ID = '5f0c6a8e-3b1d-4c52-9a7e-2d4f1b6c8e90';

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds until the next request is accepted', schema: { type: 'integer', example: 12 } },
};

type ExampleParts = Pick<ErrorResponseDto, 'code' | 'message' | 'details'>;

const TYPICAL: Record<ErrorStatus, ExampleParts> = {
  400: {
    code: 'validation_failed',
    message: 'email must be an email address',
    details: [{ field: 'email', problem: 'must be an email address' }],
  },
  401: { code: 'unknown_credential', message: 'Unknown admin API key: check that it was copied whole' },
  403: { code: 'forbidden', message: 'Only a super admin can do this' },
  404: { code: 'not_found', message: 'User 0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d not found' },
  409: { code: 'already_exists', message: 'The resource already exists' },
  410: { code: 'cursor_expired', message: 'Events before position 1043 were purged after 7 days; resume from after=1042 and resync' },
  412: { code: 'precondition_failed', message: 'The setup is not complete' },
  413: { code: 'payload_too_large', message: 'The body is larger than the limit of 1 MB' },
  415: { code: 'unsupported_media_type', message: 'The body is sent as text/plain; send application/json' },
  422: {
    code: 'idempotency_key_reused',
    message:
      'Idempotency-Key 9b1d… was used in the last 24 hours for another request (another route or body); use a new key for a new request',
  },
  429: { code: 'rate_limited', message: 'Too many requests: at most 1200 per 60 s for this credential; retry after 12 s' },
  500: {
    code: 'internal_error',
    message: `Internal server error; quote request id ${EXAMPLE_REQUEST_ID} to the operator`,
  },
  503: { code: 'not_ready', message: 'Not ready', details: [{ field: 'database', problem: 'timeout of 2000ms exceeded' }] },
};

/** Declares each error status a route answers, with the error body schema and an example body. */
export function ApiErrors(answers: ErrorAnswers): MethodDecorator & ClassDecorator {
  return applyDecorators(...Object.entries(answers).map(([key, answer]) => errorResponse(Number(key) as ErrorStatus, answer)));
}

/** The errors of every admin route (key, rate limit, failure) plus the route's own. */
export function ApiAdminErrors(answers: ErrorAnswers = {}): MethodDecorator & ClassDecorator {
  return ApiErrors({
    401: {
      description:
        'No admin API key, or one that is not usable; `code` says why: `missing_credential`, `not_bearer_credential`, ' +
        '`wrong_credential_kind` (e.g. a provisioning token), `unknown_credential` or `revoked_credential`',
      code: 'wrong_credential_kind',
      message: 'This is a provisioning token; the admin API takes an admin API key (dpsadm_…)',
    },
    429: 'More than ADMIN_RATE_LIMIT_PER_MINUTE requests in a minute with this key; `Retry-After` says when to retry',
    500: 'Unexpected failure; the body carries only the request id',
    ...answers,
  });
}

/** The errors of every internal route (service credential, failure) plus the route's own. */
export function ApiInternalErrors(answers: ErrorAnswers = {}): MethodDecorator & ClassDecorator {
  return ApiErrors({
    401: {
      description:
        'No service credential, or one that is not usable; `code` says why: `missing_credential`, ' +
        '`not_bearer_credential`, `wrong_credential_kind` (e.g. an admin API key) or `unknown_credential`',
      code: 'unknown_credential',
      message: 'Unknown service credential: it is none of INTERNAL_API_TOKENS',
    },
    500: 'Unexpected failure; the body carries only the request id',
    ...answers,
  });
}

function errorResponse(status: ErrorStatus, answer: string | ErrorAnswer): MethodDecorator & ClassDecorator {
  const { description, ...specific } = typeof answer === 'string' ? { description: answer } : answer;
  // A route's own message replaces the typical example whole, details included.
  const { code, message, details }: ExampleParts = specific.message
    ? { code: specific.code ?? TYPICAL[status].code, message: specific.message, details: specific.details }
    : { ...TYPICAL[status], ...(specific.code ? { code: specific.code } : {}) };
  const example: ErrorResponseDto = {
    statusCode: status,
    error: STATUS_CODES[status] ?? 'Error',
    code,
    message,
    ...(details ? { details } : {}),
    requestId: EXAMPLE_REQUEST_ID,
  };
  const headers = status === 429 ? RETRY_AFTER : undefined;
  return ApiResponse({ status, description, type: ErrorResponseDto, example, headers });
}

/** The 400 of path parameters that must be UUIDs (ParseUUIDPipe). */
export function invalidUuid(...names: string[]): ErrorAnswer {
  return {
    description: `${names.join(' or ')} is not a UUID`,
    code: TYPICAL[400].code,
    message: `${names[0]} must be a UUID`,
    details: [{ field: names[0], problem: 'must be a UUID' }],
  };
}
