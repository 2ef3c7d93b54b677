import { ScimAttributeDefinition, ScimAttributeType } from './scim-schema.types';

type Overrides = Partial<Omit<ScimAttributeDefinition, 'name' | 'type' | 'description'>>;

/** RFC 7643 §2.2 defaults: optional, single-valued, readWrite, returned by default, not unique, case-insensitive. */
export function attribute(
  name: string,
  type: ScimAttributeType,
  description: string,
  overrides: Overrides = {},
): ScimAttributeDefinition {
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

/** The usual value/display/type/primary shape of a multi-valued attribute (RFC 7643 §2.4). */
export function multiValued(
  name: string,
  description: string,
  valueType: ScimAttributeType,
  canonicalTypes: string[],
  extraSubAttributes: ScimAttributeDefinition[] = [],
  overrides: Overrides = {},
): ScimAttributeDefinition {
  return complex(
    name,
    description,
    [
      attribute('value', valueType, `The ${name} value.`),
      attribute('display', 'string', 'A human-readable name, primarily used for display purposes.'),
      attribute('type', 'string', `A label indicating the attribute's function.`, { canonicalValues: canonicalTypes }),
      attribute('primary', 'boolean', 'Indicates the preferred value for this attribute; true at most once.'),
      ...extraSubAttributes,
    ],
    { multiValued: true, ...overrides },
  );
}
