import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ServicePrincipal } from '../../common/auth/service-principal';
import { ApiInternalErrors } from '../../common/openapi/api-errors.decorator';
import { InternalAuth } from '../../internal-auth/internal-auth.decorators';
import { WebhookOwners } from './webhook-owner';
import { webhookRoutes } from './webhook-routes';

/** A service's webhook endpoints: every company's events, for a service that serves them all. */
@ApiTags('internal: webhooks')
@InternalAuth()
@Controller('api/internal/webhooks')
export class InternalWebhooksController extends webhookRoutes({
  ownerOf: (principal) => WebhookOwners.service((principal as ServicePrincipal).serviceName),
  errors: ApiInternalErrors,
  createSummary: 'Register a webhook endpoint for every company',
  createDescription:
    "Posts every company's change events from now on to the URL, signed per Standard Webhooks, for a service that " +
    'serves all companies. The answer carries the signing secret, the only time it is shown.',
  listDescription: 'The endpoints registered for every company, by any service, in id order, without secrets.',
  audited: '',
}) {}
