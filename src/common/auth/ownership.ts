import { DomainErrorCode, DomainException } from '../errors/domain.exception';
import { ChangeSource, managingIntegrationOf } from './change-source';

/** What a user or group row records of the source that manages it; null: none (console, admin API, a service). */
export interface ManagedResource {
  integrationId: string | null;
  integrationProvider: string | null;
}

/** Refused because another source manages the resource; `managedBy` is that source's provider, null when unmanaged. */
export class ManagedByAnotherSourceException extends DomainException {
  constructor(
    message: string,
    readonly managedBy: string | null,
  ) {
    super(DomainErrorCode.ManagedByAnotherSource, message);
  }
}

/**
 * A source with a managing integration (a SCIM tab, the Provisioning API, a connector) changes only what that
 * integration manages. Admins, services and system jobs have none: their overrides apply to everything.
 */
export function mayChange(source: ChangeSource, resource: ManagedResource): boolean {
  const managing = managingIntegrationOf(source);
  return managing === null || managing.id === resource.integrationId;
}

/** Throws ManagedByAnotherSourceException naming the managing tab unless `source` may change the resource. */
export function assertMayChange(source: ChangeSource, resource: ManagedResource, what: string): void {
  if (mayChange(source, resource)) return;
  const provider = resource.integrationId === null ? null : resource.integrationProvider;
  throw new ManagedByAnotherSourceException(
    provider === null
      ? `${what} is not managed by a directory integration: only an admin changes it, unless this source adopts unmanaged users`
      : `${what} is managed by the ${provider} directory integration: only that source changes it`,
    provider,
  );
}
