/**
 * Whether a managing integration takes over unmanaged users (its tab's `adoptUnmanagedUsers`). The setting belongs
 * to the directory-integrations module, which this one does not depend on: the SCIM module, which depends on both,
 * serves it. Asked only when a source meets an unmanaged user, never on the common path.
 */
export abstract class UnmanagedUserAdoption {
  abstract adoptsUnmanagedUsers(companyId: string, integrationId: string): Promise<boolean>;
}
