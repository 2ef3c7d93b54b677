import { ApiErrors, ErrorAnswers } from '../common/openapi/api-errors.decorator';

export const NO_SUCH_SNAPSHOT = {
  description: 'No snapshot of this tab has this id',
  message: 'Snapshot 8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a not found',
};

export const NOT_OPEN = {
  description: 'The snapshot is no longer open, or another of the tab is being applied',
  code: 'invalid_state_transition',
  message: 'Snapshot 8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a is expired and cannot be changed',
};

/** The errors of every directory connector route (token, failure) plus the route's own. */
export function ApiConnectorErrors(answers: ErrorAnswers = {}): MethodDecorator & ClassDecorator {
  return ApiErrors({
    401: {
      description:
        'No connector token, or one that is not usable; `code` says why: `missing_credential`, `not_bearer_credential`, ' +
        '`wrong_credential_kind` (e.g. a SCIM provisioning token), `unknown_credential` or `revoked_credential` (reset)',
      code: 'revoked_credential',
      message:
        "This connector token was replaced on 2026-11-30T10:02:11.000Z; put the Active Directory tab's new token in the connector's configuration",
    },
    429: 'More than PROVISIONING_API_RATE_LIMIT_PER_MINUTE requests in a minute with this token; `Retry-After` says when to retry',
    500: 'Unexpected failure; the body carries only the request id',
    ...answers,
  });
}
