import { ChangeSource, ChangeSources } from '../common/auth/change-source';
import { ProvisioningPrincipal } from '../common/auth/provisioning-principal';

/** What this API's changes are made by: its tab, and the key that made them. */
export function changeSourceOf(principal: ProvisioningPrincipal): ChangeSource {
  return ChangeSources.provisioningApi(principal.integrationId, principal.keyId);
}
