/** The caller of `/api/connector/v1`: the agent of a company's Active Directory tab, by its connector token. */
export interface ConnectorPrincipal {
  companyId: string;
  integrationId: string;
  /** From `User-Agent: dps-directory-connector/<version>`; null when the agent sent none. */
  version: string | null;
}
