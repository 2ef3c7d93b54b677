/** What a Provisioning API key may do: read, or read and write. */
export enum ProvisioningApiScope {
  ReadOnly = 'read-only',
  ReadWrite = 'read-write',
}

/** The caller of `/api/v1`: resolved from a Provisioning API key of the company's provisioning-api tab. */
export interface ProvisioningPrincipal {
  companyId: string;
  integrationId: string;
  keyId: string;
  scope: ProvisioningApiScope;
}
