import { ScimAttributeDefinition } from '../schema/scim-schema.types';

/**
 * Input that is not stored: read-only attributes (`id`, `meta`, `groups`, `manager.displayName`), which
 * RFC 7644 §3.3 and §3.5.1 ignore in POST and PUT bodies; and write-only ones (`password`), discarded because
 * the vault is zero-knowledge. A PATCH reaches here only with unchanged echoes (see changeable-target.ts).
 */
export function isIgnoredInput(attribute: ScimAttributeDefinition): boolean {
  return attribute.mutability === 'readOnly' || attribute.mutability === 'writeOnly';
}
