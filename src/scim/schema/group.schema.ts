import { ScimSchemaUri } from '../scim.constants';
import { attribute, complex } from './attribute-builders';
import { ScimSchemaDefinition } from './scim-schema.types';

/** RFC 7643 §4.2 and §8.7.1. */
export const GROUP_SCHEMA: ScimSchemaDefinition = {
  id: ScimSchemaUri.Group,
  name: 'Group',
  description: 'Group',
  attributes: [
    attribute('displayName', 'string', 'A human-readable name for the Group. Unique per company, case-insensitively.', {
      required: true,
      uniqueness: 'server',
    }),
    complex(
      'members',
      'A list of members of the Group: users of the same company.',
      [
        attribute('value', 'string', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
        attribute('$ref', 'reference', 'The URI of the member resource.', { mutability: 'immutable', referenceTypes: ['User'] }),
        attribute('display', 'string', 'The displayName of the member.', { mutability: 'readOnly' }),
        attribute('type', 'string', 'The type of the member.', { mutability: 'immutable', canonicalValues: ['User'] }),
      ],
      { multiValued: true },
    ),
  ],
};
