import { ErrorAnswer } from '../../common/openapi/api-errors.decorator';
import { BodyExample } from '../../common/openapi/api-json-body.decorator';

/** What the admin and internal webhook routes share in their OpenAPI description. */
export const NO_SUCH_WEBHOOK: ErrorAnswer = {
  description: 'No webhook endpoint with this id here',
  message: 'Webhook 3d6f0a1e-2b4c-4e8f-9a7d-5c1b2e3f4a6b not found',
};

export const REFUSED_URL: ErrorAnswer = {
  description: 'An invalid body, or a URL whose host is not public (loopback, private, link-local, …) and not allowed',
  code: 'invalid_input',
  message: 'localhost (127.0.0.1) is a loopback address, which webhooks may not reach; list the host in WEBHOOK_ALLOWED_HOSTS to allow it',
};

export const CREATE_EXAMPLES: Record<string, BodyExample> = {
  all: { summary: 'Every event', value: { url: 'https://hooks.acme.test/directory' } },
  deprovisioning: {
    summary: 'Deprovisioning only',
    value: {
      url: 'https://hooks.acme.test/deprovisioning',
      eventTypes: ['user.disabled', 'user.deleted', 'group.member_removed'],
      description: 'Revoke sessions',
    },
  },
};

export const UPDATE_EXAMPLES: Record<string, BodyExample> = {
  resume: { summary: 'Resume deliveries after an automatic disable', value: { enabled: true } },
  types: { summary: 'Change the event types', value: { eventTypes: ['user.disabled'] } },
};

export const TEST_DESCRIPTION =
  'Sends a `webhook.test` event (the change-event shape, `subject`, `position` and `sequence` null) to the endpoint now, ' +
  'signed like any delivery, even when the endpoint is disabled; answers the logged attempt (a failed one too).';

export const REDELIVER_DESCRIPTION =
  "Sends the delivery's event again now, with the same `webhook-id`, outside the endpoint's order; answers the logged attempt. " +
  'The ordered delivery is not affected.';
