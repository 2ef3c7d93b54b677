/** How many users (not deleted) and groups each integration of a company provisioned, by integration id. */
export interface ProvisionedCounts {
  users: Map<string, number>;
  groups: Map<string, number>;
}

/**
 * Counts what each integration provisioned, for its tab. Users and groups belong to modules this one does not
 * depend on: the SCIM module, which provisions them through their owners, provides the implementation.
 */
export abstract class ProvisionedResourceCounter {
  abstract countByIntegration(companyId: string): Promise<ProvisionedCounts>;
}
