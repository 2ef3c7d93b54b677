import { attribute, complex } from './attribute-builders';
import { ScimAttributeDefinition } from './scim-schema.types';

/** RFC 7643 §3.1: attributes every resource carries, outside any schema's attribute list. */
export const COMMON_ATTRIBUTES: ScimAttributeDefinition[] = [
  attribute('id', 'string', 'Unique identifier of the resource, issued by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attribute('externalId', 'string', "The provisioning client's identifier for the resource.", { caseExact: true }),
  complex(
    'meta',
    'Resource metadata.',
    [
      attribute('resourceType', 'string', 'The name of the resource type.', { caseExact: true, mutability: 'readOnly' }),
      attribute('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
      attribute('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
      attribute('location', 'reference', 'The URI of the resource.', { caseExact: true, mutability: 'readOnly', referenceTypes: ['uri'] }),
      attribute('version', 'string', 'The weak ETag of the resource.', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly' },
  ),
];
