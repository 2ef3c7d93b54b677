/** What a credential's hash belongs to, and so which table holds its owning row. */
export enum CredentialKind {
  /** A tab's provisioning or connector token, current or retired: owned by its directory_integrations row. */
  IntegrationToken = 'integration-token',
  /** Owned by its admin_api_keys row. */
  AdminApiKey = 'admin-api-key',
  /** Owned by its provisioning_api_keys row. */
  ProvisioningApiKey = 'provisioning-api-key',
}
