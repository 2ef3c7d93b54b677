import { ScimAttributeDefinition, ScimAttributeType } from './scim-schema.types';

type Overrides = Partial<Omit<ScimAttributeDefinition, 'name' | 'type' | 'description'>>;

/** RFC 7643 §2.2 defaults: optional, single-valued, readWrite, returned by default, not unique, case-insensitive. */
export function attribute(name: string, type: ScimAttributeType, description: string, overrides: Overrides = {}): ScimAttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...overrides,
  };
}

export function complex(
  name: string,
  description: string,
  subAttributes: ScimAttributeDefinition[],
  overrides: Overrides = {},
): ScimAttributeDefinition {
  return attribute(name, 'complex', description, { ...overrides, subAttributes });
}

/**
 * The usual value/display/type/primary shape of a multi-valued attribute (RFC 7643 §2.4). `type` lists canonical
 * values only where there are some: an empty list says nothing a client could use.
 */
export function multiValued(
  name: string,
  description: string,
  value: ScimAttributeDefinition,
  canonicalTypes: string[] = [],
): ScimAttributeDefinition {
  return complex(
    name,
    description,
    [
      value,
      attribute('display', 'string', 'A human-readable name, primarily used for display purposes.'),
      attribute(
        'type',
        'string',
        "A label indicating the attribute's function.",
        canonicalTypes.length > 0 ? { canonicalValues: canonicalTypes } : {},
      ),
      attribute('primary', 'boolean', 'Indicates the preferred value for this attribute; true at most once.'),
    ],
    { multiValued: true },
  );
}
