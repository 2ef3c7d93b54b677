import { AdminPrincipal } from '../../common/auth/admin-principal';
import { EndpointCompany } from './webhook-endpoints.repository';

/** Who manages an endpoint: an admin of its company, or an internal service (endpoints for every company). */
export type WebhookOwner = { kind: 'admin'; admin: AdminPrincipal } | { kind: 'service'; serviceName: string };

export const WebhookOwners = {
  admin: (admin: AdminPrincipal): WebhookOwner => ({ kind: 'admin', admin }),
  service: (serviceName: string): WebhookOwner => ({ kind: 'service', serviceName }),
};

export function companyOf(owner: WebhookOwner): EndpointCompany {
  return owner.kind === 'admin' ? owner.admin.companyId : null;
}
