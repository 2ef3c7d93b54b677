import { ManagingIntegration } from '../../common/auth/change-source';

export interface TransferredCounts {
  /** Users moved, deleted ones excluded. */
  users: number;
  groups: number;
}

/**
 * Moves what one integration manages to another, inside the caller's transaction. Users and groups belong to
 * modules this one does not depend on: the SCIM module, which depends on both, provides the implementation.
 */
export abstract class ManagedResourceTransfer {
  abstract transfer(companyId: string, from: ManagingIntegration, to: ManagingIntegration): Promise<TransferredCounts>;
}
