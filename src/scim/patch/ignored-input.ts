import { ScimAttributeDefinition } from '../schema/scim-schema.types';

/**
 * Input the service ignores instead of rejecting: read-only attributes (`id`, `meta`, `groups`,
 * `manager.displayName`), which RFC 7644 §3.3 ignores on create and Okta and Entra ID echo back in
 * PATCH; and write-only ones (`password`), discarded because the vault is zero-knowledge.
 */
export function isIgnoredInput(attribute: ScimAttributeDefinition): boolean {
  return attribute.mutability === 'readOnly' || attribute.mutability === 'writeOnly';
}
