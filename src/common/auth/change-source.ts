import { DirectoryProvider } from './directory-provider';

/**
 * Who made a change, as its event and its audit entry name it. Every write to a user or a group names its
 * source, so that consumers can tell an identity provider's deprovisioning from an admin's click.
 */
export type ChangeSource =
  | { type: 'scim'; integrationId: string; provider: DirectoryProvider }
  | { type: 'provisioning-api'; integrationId: string; keyId: string }
  | { type: 'admin'; adminId: string; email: string | null }
  | { type: 'internal'; service: string }
  | { type: 'system'; job: string };

export const ChangeSources = {
  scim: (integrationId: string, provider: DirectoryProvider): ChangeSource => ({ type: 'scim', integrationId, provider }),
  provisioningApi: (integrationId: string, keyId: string): ChangeSource => ({ type: 'provisioning-api', integrationId, keyId }),
  admin: (adminId: string, email: string | null): ChangeSource => ({ type: 'admin', adminId, email }),
  internal: (service: string): ChangeSource => ({ type: 'internal', service }),
  system: (job: string): ChangeSource => ({ type: 'system', job }),
};

/** A directory integration that manages the users and groups it created. */
export interface ManagingIntegration {
  id: string;
  provider: DirectoryProvider;
}

/** The directory integration that manages what this source creates; null when an admin or a service creates it. */
export function managingIntegrationOf(source: ChangeSource): ManagingIntegration | null {
  switch (source.type) {
    case 'scim':
      return { id: source.integrationId, provider: source.provider };
    case 'provisioning-api':
      return { id: source.integrationId, provider: DirectoryProvider.ProvisioningApi };
    default:
      return null;
  }
}
