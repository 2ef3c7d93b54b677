import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { ApiAdminErrors } from '../../common/openapi/api-errors.decorator';
import { WebhookOwners } from './webhook-owner';
import { webhookRoutes } from './webhook-routes';

/** An admin's webhook endpoints: their company's events. */
@ApiTags('admin: webhooks')
@AdminAuth()
@Controller('api/admin/webhooks')
export class AdminWebhooksController extends webhookRoutes({
  ownerOf: (principal) => WebhookOwners.admin(principal as AdminPrincipal),
  errors: ApiAdminErrors,
  createSummary: 'Create a webhook endpoint',
  createDescription:
    "Posts your company's change events from now on to the URL, signed per Standard Webhooks. The answer carries the " +
    'signing secret, the only time it is shown. Any admin; audit-logged.',
  listDescription: "Your company's endpoints in id order, without secrets.",
  audited: ' Audit-logged.',
}) {}
