import { ApiErrors, ErrorAnswers } from '../common/openapi/api-errors.decorator';

/** The errors of every Provisioning API route (key, scope, failure) plus the route's own. */
export function ApiProvisioningErrors(answers: ErrorAnswers = {}): MethodDecorator & ClassDecorator {
  return ApiErrors({
    401: {
      description:
        'No Provisioning API key, or one that is not usable; `code` says why: `missing_credential`, `not_bearer_credential`, ' +
        '`wrong_credential_kind` (e.g. an admin API key), `unknown_credential` or `revoked_credential`',
      code: 'wrong_credential_kind',
      message: 'This is an admin API key; the Provisioning API takes a Provisioning API key (dpsprov_…)',
    },
    403: {
      description: 'A read-only key on a route that changes data',
      code: 'forbidden',
      message: 'This API key is read-only: POST changes data and takes a read-write key',
    },
    429: 'More than PROVISIONING_API_RATE_LIMIT_PER_MINUTE requests in a minute with this key; `Retry-After` says when to retry',
    500: 'Unexpected failure; the body carries only the request id',
    ...answers,
  });
}
