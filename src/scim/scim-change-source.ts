import { ScimPrincipal } from '../common/auth/scim-principal';
import { ChangeSource, ChangeSources } from '../common/auth/change-source';

/** A SCIM write's source: the integration whose token made it. */
export function changeSourceOf(principal: ScimPrincipal): ChangeSource {
  return ChangeSources.scim(principal.integrationId, principal.provider);
}
